// Builds the Models view's nodes for one schema: models, views, composite types and enums with their
// fields, relations (followable), block attributes and enum values, plus the schema's problems.
import * as path from 'node:path';
import type { Attribute, Block, Field, ParseDiagnostic, Range, SchemaDocument, SourceLocation } from '../schema/model';
import type { TreeNode } from './treeNode';

export interface SchemaTreeInput {
  /** Stable id of the schema (its path). */
  id: string;
  label: string;
  /** Shown after the label, e.g. the schema's path relative to the workspace. */
  detail?: string;
  doc: SchemaDocument;
  /** Problems to show: the parser's and Prisma's validation, already merged. */
  problems: ParseDiagnostic[];
  /** Why the schema could not be read at all (no files, unreadable). */
  failure?: string;
  /** Whose rules Prisma's validation used: `Prisma 6 rules, checked with Prisma 6.19's validator (…)`. */
  rules?: string;
  /**
   * Set for a Prisma Next contract: what marked it as one. Its root says so and why ORM features are not
   * offered, and its blocks carry `.contract` context values (no Open Data, Import or diagram on them).
   */
  contract?: string;
}

/** The Models root's tooltip for a Prisma Next contract: what it is and what is not offered, and why. */
export function contractTooltipLines(signal: string): string[] {
  return [
    `A Prisma Next contract (${signal}), read for this view without Prisma ORM's validation.`,
    '',
    "Migrations, drift checks, the data grid and the language server are Prisma ORM's and are not offered for it:",
    'Prisma Next plans its own migrations from the contract, and its own tooling (`prisma-next`) checks and edits it.',
  ];
}

const kindOrder: Record<string, number> = { model: 0, view: 1, type: 2, enum: 3 };
const blockIcons: Record<string, string> = {
  model: 'symbol-class',
  view: 'eye',
  type: 'symbol-structure',
  enum: 'symbol-enum',
};
const errorColor = 'list.errorForeground';
const warningColor = 'list.warningForeground';

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) =>
    a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.start, outer.end);
}

function problemsIn(problems: ParseDiagnostic[], loc: SourceLocation): ParseDiagnostic[] {
  return problems.filter((p) => p.file === loc.file && contains(loc.range, p.range));
}

function severityColor(problems: ParseDiagnostic[]): string | undefined {
  if (problems.some((p) => p.severity === 'error')) return errorColor;
  return problems.length ? warningColor : undefined;
}

function problemSuffix(problems: ParseDiagnostic[]): string {
  if (!problems.length) return '';
  const errors = problems.filter((p) => p.severity === 'error').length;
  return errors
    ? ` · ${errors} error${errors > 1 ? 's' : ''}`
    : ` · ${problems.length} warning${problems.length > 1 ? 's' : ''}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function where(loc: SourceLocation): string {
  return `${path.basename(loc.file)}:${loc.range.start.line + 1}`;
}

function codeTooltip(
  code: string,
  loc: SourceLocation,
  extra: string[] = [],
  problems: ParseDiagnostic[] = [],
): string {
  const parts = ['```prisma', code, '```', '', ...extra, `*${where(loc)}*`];
  for (const p of problems) parts.push('', `${p.severity === 'error' ? '$(error)' : '$(warning)'} ${p.message}`);
  return parts.join('\n');
}

function attrText(a: Attribute, prefix: '@' | '@@'): string {
  return `${prefix}${a.name}${a.args === undefined ? '' : `(${a.args})`}`;
}

function cardinalityLabel(f: Field): string {
  switch (f.relation?.cardinality) {
    case 'one-to-one':
      return '1-1';
    case 'one-to-many':
      return '1-n';
    case 'many-to-one':
      return 'n-1';
    case 'many-to-many':
      return 'm-n';
    default:
      return '';
  }
}

function fieldDescription(f: Field): string {
  const type = `${f.type}${f.list ? '[]' : ''}${f.optional ? '?' : ''}`;
  if (f.relation)
    return `${type} · ${cardinalityLabel(f)}${f.relation.self ? ' self' : ''}${f.relation.fields?.length ? ` · fk ${f.relation.fields.join(', ')}` : ''}`;
  const shown = f.attributes.filter((a) => a.name !== 'relation').map((a) => attrText(a, '@'));
  return [type, ...shown].join(' ');
}

function fieldIcon(f: Field): string {
  if (f.isId) return 'key';
  if (f.relation) return 'references';
  if (f.isEnum) return 'symbol-enum-member';
  if (f.isComposite) return 'symbol-structure';
  if (f.isUnique) return 'symbol-constant';
  return 'symbol-field';
}

function fieldState(f: Field): string {
  if (f.relation) return 'field.relation';
  if (f.isId) return 'field.id';
  return 'field';
}

export class ModelsTreeBuilder {
  private readonly byName = new Map<string, Block>();

  constructor(private readonly input: SchemaTreeInput) {
    for (const b of input.doc.blocks) {
      if (b.kind !== 'datasource' && b.kind !== 'generator' && !this.byName.has(b.name)) this.byName.set(b.name, b);
    }
  }

  root(): TreeNode {
    const { input } = this;
    const blocks = input.doc.blocks;
    const count = (k: string) => blocks.filter((b) => b.kind === k).length;
    const provider = blocks
      .find((b) => b.kind === 'datasource')
      ?.properties.find((p) => p.key === 'provider')
      ?.value.replace(/"/g, '');
    const summary = [
      provider,
      plural(count('model'), 'model'),
      count('view') ? plural(count('view'), 'view') : '',
      count('enum') ? plural(count('enum'), 'enum') : '',
      count('type') ? plural(count('type'), 'type') : '',
    ]
      .filter(Boolean)
      .join(' · ');
    const problems = input.problems;
    if (input.contract !== undefined)
      return {
        id: input.id,
        kind: 'schema',
        label: input.label,
        description: input.failure ?? `Prisma Next contract · ${summary}`,
        tooltip: () =>
          [`**${input.label}**`, '', ...contractTooltipLines(input.contract!), '', input.detail ?? ''].join('\n'),
        icon: input.failure ? 'error' : 'symbol-namespace',
        iconColor: input.failure ? errorColor : undefined,
        contextValue: 'contract',
        problems: [],
        collapsible: 'expanded',
        children: () => this.rootChildren(),
      };
    return {
      id: input.id,
      kind: 'schema',
      label: input.label,
      description: input.failure ? input.failure : summary + problemSuffix(problems),
      tooltip: () =>
        [
          `**${input.label}**`,
          '',
          input.detail ?? '',
          '',
          ...input.doc.files.map((f) => `- ${f}`),
          input.rules ? `\nValidated with ${input.rules}.` : '',
          problemSuffix(problems) ? `\n${problemSuffix(problems).slice(3)} — expand *Problems* to jump to them` : '',
        ].join('\n'),
      icon: problems.some((p) => p.severity === 'error') || input.failure ? 'error' : 'database',
      iconColor: input.failure ? errorColor : severityColor(problems),
      contextValue: problems.some((p) => p.severity === 'error') || input.failure ? 'schema.error' : 'schema',
      problems,
      collapsible: 'expanded',
      children: () => this.rootChildren(),
    };
  }

  private rootChildren(): TreeNode[] {
    const out: TreeNode[] = [];
    if (this.input.problems.length) out.push(this.problemsNode());
    const blocks = this.input.doc.blocks;
    for (const b of blocks) if (b.kind === 'datasource' || b.kind === 'generator') out.push(this.configBlockNode(b));
    const shown = blocks
      .filter((b) => b.kind in kindOrder)
      .sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind] || a.name.localeCompare(b.name));
    for (const b of shown) out.push(this.blockNode(b, this.input.id));
    return out;
  }

  private problemsNode(): TreeNode {
    const problems = [...this.input.problems].sort((a, b) =>
      a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1,
    );
    const id = `${this.input.id}#problems`;
    return {
      id,
      kind: 'problems',
      label: 'Problems',
      description: `${problems.length}`,
      icon: 'warning',
      iconColor: severityColor(problems),
      contextValue: 'problems',
      problems,
      collapsible: 'expanded',
      children: () =>
        problems.map((p, i) => ({
          id: `${id}/${i}`,
          kind: 'problem' as const,
          label: p.message.split('\n')[0],
          description: `${path.basename(p.file)}:${p.range.start.line + 1}${p.source === 'prisma' ? ' · Prisma' : ''}`,
          tooltip: () => [p.message, '', `*${p.file}:${p.range.start.line + 1}*`].join('\n'),
          icon: p.severity === 'error' ? 'error' : 'warning',
          iconColor: p.severity === 'error' ? errorColor : warningColor,
          contextValue: `problem.${p.severity}`,
          location: { file: p.file, range: p.range, nameRange: p.range },
          problems: [p],
          collapsible: 'none' as const,
          children: () => [],
        })),
    };
  }

  private configBlockNode(b: Block): TreeNode {
    const id = `${this.input.id}/${b.kind}:${b.name}`;
    const problems = problemsIn(this.input.problems, b.location);
    const main = b.properties.find((p) => p.key === 'provider')?.value;
    return {
      id,
      kind: b.kind as 'datasource' | 'generator',
      label: b.name,
      description: `${b.kind}${main ? ` · ${main.replace(/"/g, '')}` : ''}${problemSuffix(problems)}`,
      tooltip: () => codeTooltip(`${b.kind} ${b.name} { … }`, b.location, [], problems),
      icon: b.kind === 'datasource' ? 'plug' : 'gear',
      iconColor: severityColor(problems),
      contextValue: b.kind,
      location: b.location,
      problems,
      collapsible: b.properties.length ? 'collapsed' : 'none',
      children: () =>
        b.properties.map((p) => ({
          id: `${id}/${p.key}`,
          kind: 'property' as const,
          label: p.key,
          description: p.value,
          tooltip: () => codeTooltip(`${p.key} = ${p.value}`, p.location),
          icon: 'symbol-property',
          contextValue: 'property',
          location: p.location,
          problems: problemsIn(this.input.problems, p.location),
          collapsible: 'none' as const,
          children: () => [],
        })),
    };
  }

  blockNode(b: Block, parentId: string, kind: 'block' | 'relatedModel' = 'block'): TreeNode {
    const id = `${parentId}/${b.kind}:${b.name}`;
    const problems = problemsIn(this.input.problems, b.location);
    const size = b.kind === 'enum' ? `${b.values.length} values` : `${b.fields.length} fields`;
    const mapped = b.mapName ? ` → ${b.mapName}` : '';
    const schema = b.schemaName ? ` · ${b.schemaName}` : '';
    return {
      id,
      kind: kind === 'relatedModel' ? 'relatedModel' : (b.kind as 'model' | 'view' | 'enum' | 'type'),
      label: b.name,
      description: `${kind === 'relatedModel' ? `${b.kind} · ` : ''}${size}${mapped}${schema}${problemSuffix(problems)}`,
      tooltip: () =>
        codeTooltip(`${b.kind} ${b.name} {`, b.location, b.documentation ? [b.documentation, ''] : [], problems),
      icon: blockIcons[b.kind] ?? 'symbol-class',
      iconColor: severityColor(problems),
      contextValue: `${kind === 'relatedModel' ? `relatedModel.${b.kind}` : b.kind}${this.input.contract !== undefined ? '.contract' : ''}`,
      location: b.location,
      target: b.name,
      problems,
      collapsible: 'collapsed',
      children: () => this.blockChildren(b, id),
    };
  }

  private blockChildren(b: Block, id: string): TreeNode[] {
    if (b.kind === 'enum') {
      return b.values.map((v) => {
        const problems = problemsIn(this.input.problems, v.location);
        return {
          id: `${id}/${v.name}`,
          kind: 'enumValue' as const,
          label: v.name,
          description: (v.mapName ? `@map("${v.mapName}")` : '') + problemSuffix(problems),
          tooltip: () => codeTooltip(v.sourceLine, v.location, v.documentation ? [v.documentation, ''] : [], problems),
          icon: 'symbol-enum-member',
          iconColor: severityColor(problems),
          contextValue: 'enumValue',
          location: v.location,
          problems,
          collapsible: 'none' as const,
          children: () => [],
        };
      });
    }
    const fields = b.fields.map((f) => this.fieldNode(f, id));
    const attrs = b.attributes
      .filter((a) => a.name !== 'map' && a.name !== 'schema')
      .map((a, i) => this.blockAttributeNode(a, b, `${id}/@@${i}`));
    return [...fields, ...attrs];
  }

  private fieldNode(f: Field, parentId: string): TreeNode {
    const id = `${parentId}/${f.name}`;
    const problems = problemsIn(this.input.problems, f.location);
    const related = f.relation ? this.byName.get(f.relation.relatedModel) : undefined;
    return {
      id,
      kind: f.relation ? 'relation' : 'field',
      label: f.name,
      description: fieldDescription(f) + problemSuffix(problems),
      tooltip: () => codeTooltip(f.sourceLine, f.location, this.fieldNotes(f), problems),
      icon: fieldIcon(f),
      iconColor: severityColor(problems),
      contextValue: fieldState(f),
      location: f.location,
      target: f.relation?.relatedModel,
      problems,
      collapsible: related ? 'collapsed' : 'none',
      children: () => (related ? [this.blockNode(related, id, 'relatedModel')] : []),
    };
  }

  private fieldNotes(f: Field): string[] {
    const notes: string[] = [];
    if (f.documentation) notes.push(f.documentation, '');
    const r = f.relation;
    if (r) {
      notes.push(
        `Relation${r.name ? ` \`${r.name}\`` : ''}: **${cardinalityLabel(f)}**${r.self ? ' (self)' : ''} to \`${r.relatedModel}\`${r.backField ? `, back field \`${r.relatedModel}.${r.backField}\`` : ''}`,
      );
      if (r.onDelete || r.onUpdate)
        notes.push(`onDelete ${r.onDelete ?? 'default'}, onUpdate ${r.onUpdate ?? 'default'}`);
      notes.push('');
    }
    return notes;
  }

  private blockAttributeNode(a: Attribute, b: Block, id: string): TreeNode {
    const loc: SourceLocation = { file: b.location.file, range: a.range, nameRange: a.range };
    const text = attrText(a, '@@');
    const icons: Record<string, string> = {
      id: 'key',
      unique: 'symbol-constant',
      index: 'list-ordered',
      ignore: 'eye-closed',
      fulltext: 'search',
    };
    return {
      id,
      kind: 'blockAttribute',
      label: `@@${a.name}`,
      description: a.args ?? '',
      tooltip: () => codeTooltip(text, loc),
      icon: icons[a.name] ?? 'symbol-key',
      contextValue: `blockAttribute.${a.name}`,
      location: loc,
      problems: problemsIn(this.input.problems, loc),
      collapsible: 'none',
      children: () => [],
    };
  }
}

export function buildModelsTree(input: SchemaTreeInput): TreeNode {
  return new ModelsTreeBuilder(input).root();
}

/** Every node reachable without following relations (for tests and the bench). */
export function flattenTree(node: TreeNode, out: TreeNode[] = []): TreeNode[] {
  out.push(node);
  if (node.kind !== 'relation') for (const c of node.children()) flattenTree(c, out);
  return out;
}
