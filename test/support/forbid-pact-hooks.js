// Module resolution hook for forbid-pact.js (runs on the loader thread).
export async function resolve(specifier, context, nextResolve) {
  if (specifier === '@pact-foundation/pact' || specifier.startsWith('@pact-foundation/')) {
    throw new Error(`Pact was loaded: ${specifier}`);
  }
  return nextResolve(specifier, context);
}
