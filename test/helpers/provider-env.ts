/** The environment variables the README documents for each provider. */
export const ENV = {
  deeplKey: 'DEEPL_AUTH_KEY',
  deeplServer: 'DEEPL_SERVER_URL',
  googleV2Key: 'GOOGLE_TRANSLATE_API_KEY',
  googleV2Endpoint: 'GOOGLE_CLOUD_TRANSLATE_ENDPOINT',
  googleProject: 'GOOGLE_CLOUD_PROJECT',
  libreUrl: 'LIBRETRANSLATE_URL',
  libreKey: 'LIBRETRANSLATE_API_KEY',
  openaiBase: 'OPENAI_BASE_URL',
  openaiKey: 'OPENAI_API_KEY',
  openaiModel: 'OPENAI_MODEL',
} as const;
