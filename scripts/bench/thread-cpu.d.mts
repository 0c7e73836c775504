/** CPU of the main thread and of all other threads of the process, in milliseconds (thread-cpu.mjs). */
export interface ThreadCpu {
  mainMs: number;
  othersMs: number;
}
/** This process's CPU by thread now, since each thread started; `undefined` without /proc (not Linux). */
export function threadCpu(): ThreadCpu | undefined;
/** The CPU each part used between two readings; `undefined` when either is. */
export function threadCpuSince(before: ThreadCpu | undefined, after?: ThreadCpu | undefined): ThreadCpu | undefined;
