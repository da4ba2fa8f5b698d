/** The time, injected so that tests and the local runtime can move it. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
