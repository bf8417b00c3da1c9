/**
 * Where a wizard session is in its queue: the current position, the items
 * shown before it (for back), the items skipped in this session, and the
 * moves next / skip / back / goTo. What still needs doing is the session's
 * own rule, given as `isTodo`; the cursor passes over items it says are
 * done and items skipped in this session. Used by the adapt and the review
 * sessions alike.
 */
export class QueueCursor {
  /** Queue position by ID, made on first need (the current item is found without it: a first screen at 100k needs none). */
  private byId: Map<string, number> | undefined;
  private readonly history: number[] = [];
  private readonly skippedIds = new Set<string>();
  private pos = 0;

  /** The cursor starts at the first item; call resume() once `isTodo` can be answered. */
  constructor(
    readonly queue: readonly { id: string }[],
    private readonly isTodo: (id: string) => boolean,
  ) {}

  private index(id: string): number | undefined {
    if (this.queue[this.pos]?.id === id) return this.pos;
    if (!this.byId) {
      this.byId = new Map();
      this.queue.forEach((item, i) => this.byId!.set(item.id, i));
    }
    return this.byId.get(id);
  }

  /** Go to the first item of the queue still to do (the end when there is none): where a new session resumes. */
  resume(): void {
    const first = this.findTodo(0, this.queue.length);
    this.pos = first === -1 ? this.queue.length : first;
  }

  /** Go to the item (when it is still to do) or the first one to do after it, wrapping around; stays put when it is not in the queue or nothing is to do. */
  resumeFrom(id: string): void {
    const i = this.index(id);
    if (i === undefined) return;
    let to = this.findTodo(i, this.queue.length);
    if (to === -1) to = this.findTodo(0, i);
    if (to !== -1) this.pos = to;
  }

  /** True when no current item is left (everything done or skipped). */
  get finished(): boolean {
    return this.pos >= this.queue.length;
  }

  /** 0-based index of the current item in the queue (queue.length when finished). */
  get position(): number {
    return this.pos;
  }

  get currentId(): string | undefined {
    return this.queue[this.pos]?.id;
  }

  /** Whether the ID is in the queue. */
  has(id: string): boolean {
    return this.index(id) !== undefined;
  }

  /** 0-based index of an item in the queue, if it is in it. */
  indexOf(id: string): number | undefined {
    return this.index(id);
  }

  /** Whether the item was skipped in this session (and not done since). */
  isSkipped(id: string): boolean {
    return this.skippedIds.has(id);
  }

  /** The item was done after all: it no longer counts as skipped. */
  unskip(id: string): void {
    this.skippedIds.delete(id);
  }

  /**
   * Move to the next item to do after the current one, wrapping around to
   * earlier ones; items skipped in this session are passed over. Returns
   * false when none is left (the session is finished).
   */
  next(): boolean {
    const from = Math.min(this.pos, this.queue.length);
    let to = this.findTodo(from + 1, this.queue.length);
    if (to === -1) to = this.findTodo(0, Math.min(from + 1, this.queue.length));
    if (this.pos < this.queue.length) this.history.push(this.pos);
    this.pos = to === -1 ? this.queue.length : to;
    return to !== -1;
  }

  /** Leave the current item as it is and move on; it stays in the queue for the next session. */
  skip(): boolean {
    const id = this.currentId;
    if (id !== undefined && this.isTodo(id)) this.skippedIds.add(id);
    return this.next();
  }

  /** Back to the item shown before this one (or the previous one in the queue). False at the first item. */
  back(): boolean {
    const prev = this.history.pop();
    if (prev !== undefined) {
      this.pos = prev;
      return true;
    }
    if (this.pos > 0 && this.queue.length > 0) {
      this.pos = Math.min(this.pos, this.queue.length) - 1;
      return true;
    }
    return false;
  }

  /** Jump to an item of the queue. Returns false (and stays) when the ID is not in the queue. */
  goTo(id: string): boolean {
    const i = this.index(id);
    if (i === undefined) return false;
    if (this.pos < this.queue.length && this.pos !== i) this.history.push(this.pos);
    this.pos = i;
    return true;
  }

  private findTodo(from: number, to: number): number {
    for (let i = from; i < to; i++) {
      const id = this.queue[i]!.id;
      if (this.isTodo(id) && !this.skippedIds.has(id)) return i;
    }
    return -1;
  }
}
