/** IPC channel names are `desk:<channel>`; preload and main both refuse anything else. */
export const IPC_PREFIX = 'desk:';
