// The evaluating half of Go's text/template/exec.go: pipelines (the previous command's result is the next one's
// final argument), fields, methods and map keys, function calls with their arguments checked against the
// function's signature, and errors of the form `template: NAME:LINE:COL: executing "NAME" at <node>: message`.
// exec.ts walks the tree (actions, if, with, range) on top of it.
import { errorLocation, templateError } from './errors.js';
import { wrapFunction, type FunctionMap, type ParamType, type TemplateFunctionDef } from './functions.js';
import type { AnyNode, ArgNode, ChainNode, CommandNode, FieldNode, IdentifierNode, PipeNode, VariableNode } from './nodes.js';
import { nodeString } from './nodes.js';
import { concrete, deref, structHasField, typedField, typedMapGet } from './typed.js';
import { fieldPath, goTypeName, isTrue, kindOf, mapEntries, type Val, type ValueContext } from './values.js';

export interface ExecEnv {
  name: string;
  source: string;
  funcs: FunctionMap;
  ctx: ValueContext;
  /** Go's Option("missingkey=…"): a missing map key is the invalid value (default) or an error. */
  missingKey?: 'invalid' | 'error';
}

export const MISSING: Val = { v: undefined, path: '' };
export class BreakSignal {}
export class ContinueSignal {}

const GO_PARAM_TYPES: Record<ParamType, string> = {
  any: 'interface {}', value: 'reflect.Value', string: 'string', int: 'int', bool: 'bool', stringList: '[]string',
};

export class Evaluator {
  out = '';
  protected node: AnyNode | undefined;
  protected vars: { name: string; val: Val }[];

  constructor(protected readonly env: ExecEnv, readonly root: Val) {
    this.vars = [{ name: '$', val: root }];
  }

  protected at(node: AnyNode): void {
    this.node = node;
  }

  protected errorf(message: string): never {
    const { name, source } = this.env;
    if (!this.node) throw templateError(`template: ${name}: ${message}`);
    const where = errorLocation(name, source, this.node.pos);
    throw templateError(`template: ${where}: executing "${name}" at <${nodeString(this.node)}>: ${message}`);
  }

  protected mark(): number {
    return this.vars.length;
  }

  protected pop(mark: number): void {
    this.vars.length = mark;
  }

  protected setVar(name: string, val: Val): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.val = val;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  protected setTopVar(n: number, val: Val): void {
    this.vars[this.vars.length - n]!.val = val;
  }

  protected varValue(name: string): Val {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]!.name === name) return this.vars[i]!.val;
    this.errorf(`undefined variable: ${name}`);
  }


  protected evalPipeline(dot: Val, pipe: PipeNode): Val {
    this.at(pipe);
    let value = MISSING;
    for (const cmd of pipe.cmds) value = concrete(this.evalCommand(dot, cmd, value));
    for (const variable of pipe.decl) {
      if (pipe.isAssign) this.setVar(variable.idents[0]!, value);
      else this.vars.push({ name: variable.idents[0]!, val: value });
    }
    return value;
  }

  private notAFunction(args: ArgNode[], final: Val): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args[0]!)}`);
  }

  private evalCommand(dot: Val, cmd: CommandNode, final: Val): Val {
    const first = cmd.args[0]!;
    switch (first.type) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool':
        return { v: first.value, path: '' };
      case 'dot':
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
      // eslint-disable-next-line no-fallthrough
      case 'number':
        return { v: first.value, path: '' };
      case 'string':
        return { v: first.text, path: '' };
    }
  }

  private evalFieldNode(dot: Val, field: FieldNode, args: ArgNode[], final: Val): Val {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.idents, args, final);
  }

  private evalChainNode(dot: Val, chain: ChainNode, args: ArgNode[], final: Val): Val {
    this.at(chain);
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const receiver = this.evalArg(dot, undefined, chain.node);
    return this.evalFieldChain(dot, receiver, chain, chain.fields, args, final);
  }

  private evalVariableNode(dot: Val, variable: VariableNode, args: ArgNode[], final: Val): Val {
    this.at(variable);
    const value = this.varValue(variable.idents[0]!);
    if (variable.idents.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, variable, variable.idents.slice(1), args, final);
  }

  private evalFieldChain(dot: Val, receiver: Val, node: AnyNode, idents: string[], args: ArgNode[], final: Val): Val {
    let current = receiver;
    for (const ident of idents.slice(0, -1)) current = this.evalField(dot, ident, node, [], MISSING, current);
    return this.evalField(dot, idents[idents.length - 1]!, node, args, final, current);
  }

  private evalField(dot: Val, name: string, node: AnyNode, args: ArgNode[], final: Val, receiver: Val): Val {
    const { ctx } = this.env;
    const path = fieldPath(receiver.path, name);
    const kind = kindOf(receiver, ctx);
    if (kind === 'invalid') {
      if (this.env.missingKey === 'error') this.errorf(`nil data; no entry for key "${name}"`);
      return { v: undefined, path };
    }
    if (receiver.t) return this.evalTypedField(dot, name, node, args, final, receiver);
    if (kind === 'nil') this.errorf(`nil pointer evaluating ${receiver.path || 'interface {}'}.${name}`);
    const hasArgs = args.length > 1 || final !== MISSING;
    if (kind === 'map' || kind === 'struct') {
      const obj = receiver.v as Record<string, unknown>;
      const present = Object.hasOwn(obj, name);
      const value = present ? obj[name] : undefined;
      if (kind === 'struct' && typeof value === 'function') {
        return this.evalCall(dot, wrapFunction((value as (...a: unknown[]) => unknown).bind(obj)), node, name, args, final);
      }
      if (kind === 'map' && !present) return this.missingKey(name, path);
      if (kind === 'map' || present) {
        if (hasArgs) {
          this.errorf(kind === 'map' ? `${name} is not a method but has arguments` : `${name} has arguments but cannot be invoked as function`);
        }
        return { v: value, path };
      }
    }
    this.errorf(`can't evaluate field ${name} in type ${goTypeName(receiver, ctx)}`);
  }

  private missingKey(name: string, path: string): Val {
    if (this.env.missingKey === 'error') this.errorf(`map has no entry for key "${name}"`);
    return { v: undefined, path };
  }

  /** Go's evalField over a typed value: methods, then struct fields or map keys, through pointers. */
  private evalTypedField(dot: Val, name: string, node: AnyNode, args: ArgNode[], final: Val, receiver: Val): Val {
    const { ctx } = this.env;
    const typeName = receiver.iface ? 'interface {}' : goTypeName(receiver, ctx);
    const target = deref(receiver);
    const kind = kindOf(target, ctx);
    if (kind === 'nil' && target.t!.kind === 'interface') this.errorf(`nil pointer evaluating ${typeName}.${name}`);
    const method = target.v !== null ? target.t!.methods?.[name] : undefined;
    if (method) return this.evalCall(dot, method(target.v), node, name, args, final);
    const hasArgs = args.length > 1 || final !== MISSING;
    if (kind === 'struct') {
      const field = typedField(target, name);
      if (field) {
        if (hasArgs) this.errorf(`${name} has arguments but cannot be invoked as function`);
        return field;
      }
    } else if (kind === 'map' && !(target.t as { key?: string }).key) {
      // Go uses the name as a key only when a string is assignable to the key type (not nat.Port's).
      if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
      return typedMapGet(target, name) ?? this.missingKey(name, fieldPath(target.path, name));
    } else if (kind === 'nil' && target.t!.kind === 'pointer' && structHasField(target.t!.elem, name)) {
      this.errorf(`nil pointer evaluating ${typeName}.${name}`);
    }
    this.errorf(`can't evaluate field ${name} in type ${typeName}`);
  }

  private evalFunction(dot: Val, node: IdentifierNode, cmd: AnyNode, args: ArgNode[], final: Val): Val {
    this.at(node);
    const fn = Object.hasOwn(this.env.funcs, node.name) ? this.env.funcs[node.name] : undefined;
    if (!fn) this.errorf(`"${node.name}" is not a defined function`);
    return this.evalCall(dot, fn, cmd, node.name, args, final);
  }

  private evalCall(dot: Val, fn: TemplateFunctionDef, node: AnyNode, name: string, allArgs: ArgNode[], final: Val): Val {
    const args = allArgs.slice(1);
    const numIn = args.length + (final !== MISSING ? 1 : 0);
    const fixed = fn.params.length;
    if (fn.variadic) {
      if (numIn < fixed) this.errorf(`wrong number of args for ${name}: want at least ${fixed} got ${args.length}`);
    } else if (numIn !== fixed) {
      this.errorf(`wrong number of args for ${name}: want ${fixed} got ${numIn}`);
    }
    if (fn.shortCircuit) {
      let v: Val = MISSING;
      for (const arg of args) {
        v = this.evalArg(dot, 'value', arg);
        if (isTrue(v, this.env.ctx) === (fn.shortCircuit === 'or')) return v;
      }
      return final !== MISSING ? this.validateType(final, 'value') : v;
    }
    const paramAt = (i: number): ParamType => (i < fixed ? fn.params[i]! : fn.variadic!);
    const argv = args.map((arg, i) => this.evalArg(dot, paramAt(i), arg));
    if (final !== MISSING) argv.push(this.validateType(final, paramAt(numIn - 1)));
    try {
      return fn.call(argv, this.env.ctx);
    } catch (err) {
      this.at(node);
      this.errorf(`error calling ${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** `type` undefined: take the value as it is (a chain's receiver). */
  private evalArg(dot: Val, type: ParamType | undefined, n: ArgNode): Val {
    this.at(n);
    const check = (val: Val): Val => (type === undefined ? val : this.validateType(val, type));
    switch (n.type) {
      case 'dot':
        return check(dot);
      case 'nil':
        if (type === 'value') return { v: undefined, path: '' };
        if (type === undefined || type === 'any' || type === 'stringList') return { v: null, path: '' };
        this.errorf(`cannot assign nil to ${GO_PARAM_TYPES[type]}`);
      // eslint-disable-next-line no-fallthrough
      case 'field':
        return check(this.evalFieldNode(dot, n, [n], MISSING));
      case 'variable':
        return check(this.evalVariableNode(dot, n, [], MISSING));
      case 'pipe':
        return check(this.evalPipeline(dot, n));
      case 'identifier':
        return check(this.evalFunction(dot, n, n, [], MISSING));
      case 'chain':
        return check(this.evalChainNode(dot, n, [], MISSING));
    }
    const literal = { v: n.type === 'string' ? n.text : n.value, path: '' };
    switch (type) {
      case undefined:
      case 'any':
      case 'value':
        return literal;
      case 'bool':
        if (n.type === 'bool') return literal;
        this.errorf(`expected bool; found ${nodeString(n)}`);
      // eslint-disable-next-line no-fallthrough
      case 'int':
        if (n.type === 'number' && n.isInt) return literal;
        this.errorf(`expected integer; found ${nodeString(n)}`);
      // eslint-disable-next-line no-fallthrough
      case 'string':
        if (n.type === 'string') return literal;
        this.errorf(`expected string; found ${nodeString(n)}`);
      // eslint-disable-next-line no-fallthrough
      case 'stringList':
        this.errorf(`can't handle ${nodeString(n)} for arg of type []string`);
    }
  }

  private validateType(val: Val, type: ParamType): Val {
    const { ctx } = this.env;
    const kind = kindOf(val, ctx);
    if (kind === 'invalid') {
      if (type === 'value') return val;
      if (type === 'any' || type === 'stringList') return { v: null, path: val.path };
      this.errorf(`invalid value; expected ${GO_PARAM_TYPES[type]}`);
    }
    const ok = (): boolean => {
      if (val.t) return this.assignable(val, type);
      switch (type) {
        case 'any':
        case 'value':
          return true;
        case 'string':
          return kind === 'string';
        case 'int':
          return kind === 'int';
        case 'bool':
          return kind === 'bool';
        case 'stringList':
          return kind === 'nil' || ((kind === 'slice' || kind === 'map') && Object.values(val.v as object).every((e) => typeof e === 'string'));
      }
    };
    if (!ok()) this.errorf(`wrong type for value; expected ${GO_PARAM_TYPES[type]}; got ${goTypeName(val, ctx)}`);
    if (type === 'stringList') {
      const list = kind === 'nil' || val.v === null ? [] : kind === 'map' ? mapEntries(val).map(([, e]) => e.v) : val.v;
      return { v: list, path: val.path };
    }
    return val;
  }

  /** reflect's AssignableTo for a typed value: a defined type (int64, json.Number) is not an int or a string. */
  private assignable(val: Val, type: ParamType): boolean {
    const t = val.t!;
    switch (type) {
      case 'any':
      case 'value':
        return true;
      case 'string':
      case 'int':
      case 'bool':
        return t.name === type;
      case 'stringList':
        return t.kind === 'slice' && t.elem.name === 'string';
    }
  }
}
