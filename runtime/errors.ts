/** An expected, user-facing failure with a stable machine-readable code (as undici/Node do). */
export class MeshcError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MeshcError';
  }
}
