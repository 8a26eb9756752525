/** A named secret's sealed value is bound to its name (names never change). */
export const namedSecretContext = (name: string) => `named-secret:${name}`;
