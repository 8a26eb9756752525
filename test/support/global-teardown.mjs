export default async function globalTeardown() {
  await globalThis.__flowhubEmbedded?.stop();
}
