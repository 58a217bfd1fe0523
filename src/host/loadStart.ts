// When the extension's bundle began to run: extension.ts imports this first, and esbuild evaluates imports in
// order, so the stamp is taken before every other module of the bundle (the bench's "module load").
export const moduleLoadStart = performance.now();
