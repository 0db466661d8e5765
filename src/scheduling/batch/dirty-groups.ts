/**
 * The label groups to re-evaluate before the next replica, as a list as well
 * as flags: with 5,000 hostname groups a placement dirties one or two, and
 * finding them must not cost a pass over all of them.
 */
export class DirtyGroups {
  private readonly flags: Uint8Array;
  private readonly list: Int32Array;
  private count = 0;
  private all = true;

  constructor(private readonly size: number) {
    this.flags = new Uint8Array(size);
    this.list = new Int32Array(size);
  }

  mark(group: number): void {
    if (this.all || this.flags[group] === 1) return;
    this.flags[group] = 1;
    this.list[this.count++] = group;
  }

  markAll(): void {
    this.all = true;
  }

  /** Calls `visit` on every dirty group once, then forgets them. */
  drain(visit: (group: number) => void): void {
    if (this.all) {
      this.all = false;
      this.flags.fill(0);
      this.count = 0;
      for (let group = 0; group < this.size; group++) visit(group);
      return;
    }
    // visit may not mark groups (it only reads them), so the list is stable while drained.
    const count = this.count;
    this.count = 0;
    for (let position = 0; position < count; position++) {
      const group = this.list[position];
      this.flags[group] = 0;
      visit(group);
    }
  }
}
