/** The clients screen's text. Every key in clientsEn needs its clientsZhCN translation (typecheck enforces it). */
export const clientsEn = {} as const;

export const clientsZhCN: { [K in keyof typeof clientsEn]: string } = {};
