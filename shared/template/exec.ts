// Walks a parsed template over data, following Go's text/template/exec.go: actions, if/with/else, range (with
// break and continue) and variable scoping; evaluating pipelines is exec-eval.ts.
import type { BranchNode, ListNode, Node } from './nodes.js';
import { GoValue } from './go-types.js';
import { formatValue } from './print.js';
import { deref, typedVal } from './typed.js';
import { isTrue, kindOf, mapEntries, sliceItems, type Val } from './values.js';
import { BreakSignal, ContinueSignal, Evaluator, type ExecEnv } from './exec-eval.js';

export type { ExecEnv } from './exec-eval.js';

export function execute(tree: ListNode, data: unknown, env: ExecEnv): string {
  const root = data instanceof GoValue ? typedVal(data.value, data.type, '') : { v: data, path: '' };
  const state = new State(env, root);
  state.walk(state.root, tree);
  return state.out;
}

class State extends Evaluator {
  walk(dot: Val, node: Node): void {
    this.at(node);
    switch (node.type) {
      case 'text':
        this.out += node.text;
        return;
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) {
          this.at(node);
          this.out += formatValue(val, this.env.ctx);
        }
        return;
      }
      case 'if':
      case 'with':
        return this.walkIfOrWith(dot, node);
      case 'range':
        return this.walkRange(dot, node);
      case 'break':
        throw new BreakSignal();
      case 'continue':
        throw new ContinueSignal();
    }
  }

  private walkIfOrWith(dot: Val, node: BranchNode): void {
    const mark = this.mark();
    try {
      const val = this.evalPipeline(dot, node.pipe);
      if (isTrue(val, this.env.ctx)) this.walk(node.type === 'with' ? val : dot, node.list);
      else if (node.elseList) this.walk(dot, node.elseList);
    } finally {
      this.pop(mark);
    }
  }

  private walkRange(dot: Val, node: BranchNode): void {
    this.at(node);
    const outer = this.mark();
    try {
      const val = this.evalPipeline(dot, node.pipe);
      const mark = this.mark();
      const { decl, isAssign } = node.pipe;
      const iteration = (index: Val, elem: Val): void => {
        if (decl.length > 0) {
          if (isAssign) this.setVar(decl[0]!.idents[0]!, decl.length > 1 ? index : elem);
          else this.setTopVar(1, elem);
        }
        if (decl.length > 1) {
          if (isAssign) this.setVar(decl[1]!.idents[0]!, elem);
          else this.setTopVar(2, index);
        }
        try {
          this.walk(elem, node.list);
        } catch (err) {
          if (!(err instanceof ContinueSignal)) throw err;
        } finally {
          this.pop(mark);
        }
      };
      const ran = this.iterate(val, iteration);
      if (!ran && node.elseList) this.walk(dot, node.elseList);
    } catch (err) {
      if (!(err instanceof BreakSignal)) throw err;
    } finally {
      this.pop(outer);
    }
  }

  /** Calls `iteration` per element; false when there was nothing to iterate. */
  private iterate(value: Val, iteration: (index: Val, elem: Val) => void): boolean {
    const plain = (v: unknown): Val => ({ v, path: '' });
    const val = deref(value);
    switch (kindOf(val, this.env.ctx)) {
      case 'slice': {
        const items = sliceItems(val);
        items.forEach((elem, i) => iteration(plain(i), elem));
        return items.length > 0;
      }
      case 'map': {
        const entries = mapEntries(val);
        for (const [k, elem] of entries) iteration(plain(k), elem);
        return entries.length > 0;
      }
      case 'int': {
        const n = Number(val.v);
        for (let i = 0; i < n; i++) iteration(plain(i), plain(i));
        return n > 0;
      }
      case 'invalid':
      case 'nil':
        return false;
      default:
        this.errorf(`range can't iterate over ${formatValue(val, this.env.ctx)}`);
    }
  }
}
