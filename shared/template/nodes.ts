// The parse tree of a template, shaped like Go's text/template/parse nodes. `nodeString` renders a node
// back to template source the way Go does, for the `at <...>` part of execution errors.

interface Base {
  /** Index into the template source where the node starts. */
  pos: number;
}

export interface TextNode extends Base { type: 'text'; text: string }
export interface ListNode extends Base { type: 'list'; nodes: Node[] }
export interface ActionNode extends Base { type: 'action'; pipe: PipeNode }
export interface BranchNode extends Base {
  type: 'if' | 'range' | 'with';
  pipe: PipeNode;
  list: ListNode;
  elseList?: ListNode;
}
export interface LoopControlNode extends Base { type: 'break' | 'continue' }
export type Node = TextNode | ListNode | ActionNode | BranchNode | LoopControlNode;

export interface PipeNode extends Base {
  type: 'pipe';
  /** `$x = …` rather than `$x := …`. */
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}
export interface CommandNode extends Base { type: 'command'; args: ArgNode[] }

/** `.A.B` has idents ['A', 'B']. */
export interface FieldNode extends Base { type: 'field'; idents: string[] }
/** `$x.A` has idents ['$x', 'A']. */
export interface VariableNode extends Base { type: 'variable'; idents: string[] }
/** `(pipeline).A.B`. */
export interface ChainNode extends Base { type: 'chain'; node: ArgNode; fields: string[] }
export interface IdentifierNode extends Base { type: 'identifier'; name: string }
export interface DotNode extends Base { type: 'dot' }
export interface NilNode extends Base { type: 'nil' }
export interface BoolNode extends Base { type: 'bool'; value: boolean }
export interface NumberNode extends Base { type: 'number'; text: string; value: number; isInt: boolean }
export interface StringNode extends Base { type: 'string'; quoted: string; text: string }
export type ArgNode =
  | FieldNode | VariableNode | ChainNode | IdentifierNode | DotNode | NilNode | BoolNode | NumberNode | StringNode
  | PipeNode;

export type AnyNode = Node | ArgNode | CommandNode;

export function nodeString(n: AnyNode): string {
  switch (n.type) {
    case 'text':
      return n.text;
    case 'list':
      return n.nodes.map(nodeString).join('');
    case 'action':
      return `{{${nodeString(n.pipe)}}}`;
    case 'if':
    case 'range':
    case 'with': {
      const elsePart = n.elseList ? `{{else}}${nodeString(n.elseList)}` : '';
      return `{{${n.type} ${nodeString(n.pipe)}}}${nodeString(n.list)}${elsePart}{{end}}`;
    }
    case 'break':
    case 'continue':
      return `{{${n.type}}}`;
    case 'pipe': {
      const decl = n.decl.length ? `${n.decl.map(nodeString).join(', ')} ${n.isAssign ? '=' : ':='} ` : '';
      return decl + n.cmds.map(nodeString).join(' | ');
    }
    case 'command':
      return n.args.map((a) => (a.type === 'pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    case 'field':
      return n.idents.map((i) => `.${i}`).join('');
    case 'variable':
      return n.idents.join('.');
    case 'chain': {
      const head = n.node.type === 'pipe' ? `(${nodeString(n.node)})` : nodeString(n.node);
      return head + n.fields.map((f) => `.${f}`).join('');
    }
    case 'identifier':
      return n.name;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(n.value);
    case 'number':
      return n.text;
    case 'string':
      return n.quoted;
  }
}
