/** The project's `register` setting (carefully.json, `init --register`) and the register-preferred check, through the real CLI. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';
import { loadItems, openProject } from '../../src/project/project.js';
import { JournalWriter } from '../../src/project/journal.js';

/** Korean renderings of makeRecord(0) and (2): one answer in 합쇼체, one in 해요체. */
const HAPSHO = ['비밀번호는 어떻게 만드나요? (0)', '길고 추측하기 어려운 비밀번호를 쓰십시오. (0)'] as const;
const HAEYO = ['요즘 잠을 잘 못 자요. (2)', '힘들 때는 자살예방상담전화 109에 상담할 수 있어요. (2)'] as const;

interface Report {
  findings: { item: string; check: string; field?: string; message: string }[];
}

describe('CLI: the register setting', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  async function project(extra: string[]): Promise<string> {
    const dir = tmp.join('p');
    const r = await run(['init', dir, '--source', tmp.json('ac.json', makeRecords(3)), '--to', 'ko', ...extra]);
    assert.equal(r.code, 0, r.stderr);
    const items = await loadItems(openProject(dir));
    const mt = (i: number, [question, answer]: readonly [string, string]) =>
      ({ type: 'mt', item: items[i]!.id, sourceHash: items[i]!.sourceHash, provider: 'test', label: 'test', isTranslation: true, question, answer }) as const;
    await new JournalWriter(dir, 'kim').append([mt(0, HAPSHO), mt(2, HAEYO)]);
    return dir;
  }
  const preferred = async (dir: string): Promise<Report['findings']> => {
    const r = await run(['check', '-p', dir, '--json', '--only', 'register-preferred']);
    return (JSON.parse(r.stdout) as Report).findings.filter((f) => f.field === 'answer');
  };

  it("without a setting, answers are held to the pack's preferred register (ko: 합쇼체)", async () => {
    const dir = await project([]);
    assert.equal((JSON.parse(readFileSync(`${dir}/carefully.json`, 'utf8')) as { register?: string }).register, undefined);
    const findings = await preferred(dir);
    assert.deepEqual(
      findings.map((f) => f.item),
      ['test-0002'],
    );
    assert.match(findings[0]!.message, /answers in this pack use 합쇼체/u);
  });

  it('init --register haeyo records the setting, and the check then holds answers to 해요체', async () => {
    const dir = await project(['--register', 'haeyo']);
    assert.equal((JSON.parse(readFileSync(`${dir}/carefully.json`, 'utf8')) as { register?: string }).register, 'haeyo');
    const findings = await preferred(dir);
    assert.deepEqual(
      findings.map((f) => f.item),
      ['test-0000'],
    );
    assert.match(findings[0]!.message, /answers in this project use 해요체/u);
  });

  it('init refuses a register the pack does not define, listing its registers, and creates nothing', async () => {
    const dir = tmp.join('bad');
    const r = await run(['init', dir, '--source', tmp.json('ac.json', makeRecords(1)), '--to', 'ko', '--register', 'formal']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /--register: "formal" is not a register of the ko locale pack\. Use one of: hapsho \(합쇼체\), haeyo \(해요체\), banmal/u);
    assert.equal(existsSync(dir), false);
  });

  it('check refuses a register in carefully.json that the pack does not define, naming the file', async () => {
    const dir = await project([]);
    const file = `${dir}/carefully.json`;
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), register: 'formal' }));
    const r = await run(['check', '-p', dir]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /carefully\.json: "formal" is not a register of the ko locale pack/u);
  });
});
