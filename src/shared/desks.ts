/** The two NIC service desks. Every operator action records which one it came from. */
export const DESKS = ['minhang', 'xuhui'] as const;
export type Desk = (typeof DESKS)[number];
