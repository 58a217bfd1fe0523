// Undo and redo of the grid's staged edits: each step is what one user action did (a typed edit, a whole
// paste, a fill down), undone and redone as one. A new step after an undo forgets what could be redone.

export class UndoStack<T> {
  private readonly done: T[] = [];
  private readonly undone: T[] = [];

  push(step: T): void {
    this.done.push(step);
    this.undone.length = 0;
  }

  /** The step to undo (moved to the redo side), if any. */
  undo(): T | undefined {
    const step = this.done.pop();
    if (step !== undefined) this.undone.push(step);
    return step;
  }

  /** The step to redo (moved back to the undo side), if any. */
  redo(): T | undefined {
    const step = this.undone.pop();
    if (step !== undefined) this.done.push(step);
    return step;
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  clear(): void {
    this.done.length = 0;
    this.undone.length = 0;
  }
}
