// A tree node as the Models view shows it, computed without `vscode`: the view maps it to a TreeItem.
import type { ParseDiagnostic, SourceLocation } from '../schema/model';

export type TreeNodeKind =
  | 'schema'
  | 'problems'
  | 'problem'
  | 'datasource'
  | 'generator'
  | 'property'
  | 'model'
  | 'view'
  | 'enum'
  | 'type'
  | 'field'
  | 'relation'
  | 'blockAttribute'
  | 'enumValue'
  | 'relatedModel';

export interface TreeNode {
  /** Unique and stable across refreshes (keeps expansion state). */
  id: string;
  kind: TreeNodeKind;
  label: string;
  description?: string;
  /** Markdown, computed when the user hovers (the view resolves it lazily). */
  tooltip?(): string;
  /** Codicon id, e.g. `symbol-class`. */
  icon: string;
  /** Theme color id for the icon, e.g. `list.errorForeground`. */
  iconColor?: string;
  /** Kind and state for menus, e.g. `model`, `field.relation`, `schema.error`. */
  contextValue: string;
  /** Where a click takes the user. */
  location?: SourceLocation;
  /** For relation nodes and related-model nodes: the model they lead to. */
  target?: string;
  /** The problems that concern this node (errors first). */
  problems: ParseDiagnostic[];
  collapsible: 'none' | 'collapsed' | 'expanded';
  children(): TreeNode[];
}
