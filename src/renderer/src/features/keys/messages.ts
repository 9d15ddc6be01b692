/** The keys screen's text. Every key in keysEn needs its keysZhCN translation (typecheck enforces it). */
export const keysEn = {} as const;

export const keysZhCN: { [K in keyof typeof keysEn]: string } = {};
