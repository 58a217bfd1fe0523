// The CLI's findings, and their four renderings: text for people, json for scripts, SARIF 2.1.0 for code
// scanning, and GitHub workflow commands (annotations on the pull request's files).
import { RULES } from '../../core/migrationLint';
import type { LintFinding, RuleId } from '../../core/migrationLint';
import type { Format } from './args';

export interface CliFinding {
  /** Path of the migration.sql relative to the folder the CLI ran in, with `/`. */
  readonly file: string;
  readonly migration: string;
  readonly rule: RuleId;
  readonly severity: LintFinding['severity'];
  readonly message: string;
  /** UTF-16 offsets into the file, as the editor's diagnostics use them. */
  readonly start: number;
  readonly end: number;
  /** 1-based; columns in UTF-16 code units. */
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface CliReport {
  /** Migration folders linted (reported on), in order. */
  readonly migrations: readonly { readonly file: string; readonly name: string }[];
  readonly findings: readonly CliFinding[];
}

export function toCliFinding(file: string, migration: string, sql: string, f: LintFinding): CliFinding {
  const s = position(sql, f.start);
  const e = position(sql, f.end);
  return {
    file,
    migration,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    start: f.start,
    end: f.end,
    line: s.line,
    column: s.column,
    endLine: e.line,
    endColumn: e.column,
  };
}

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

export function render(report: CliReport, format: Format, version: string): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify({ version: 1, migrations: report.migrations, findings: report.findings }, null, 2)}\n`;
    case 'sarif':
      return `${JSON.stringify(sarif(report, version), null, 2)}\n`;
    case 'github':
      return report.findings.map(githubCommand).join('');
    default:
      return text(report);
  }
}

export function summary(report: CliReport): string {
  const n = (k: LintFinding['severity']) => report.findings.filter((f) => f.severity === k).length;
  const plural = (c: number, w: string) => `${c} ${w}${c === 1 ? '' : 's'}`;
  return `${plural(n('error'), 'error')}, ${plural(n('warning'), 'warning')}, ${n('information')} information in ${plural(report.migrations.length, 'migration')}`;
}

function text(report: CliReport): string {
  const lines = report.findings.map(
    (f) => `${f.file}:${f.line}:${f.column}  ${f.severity.padEnd(11)}  ${f.message}  [${f.rule}]`,
  );
  return `${lines.join('\n')}${lines.length ? '\n\n' : ''}${summary(report)}\n`;
}

const sarifLevel = (s: LintFinding['severity']) => (s === 'information' ? 'note' : s);

function sarif(report: CliReport, version: string): object {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'prisma-workbench-lint',
            version,
            rules: RULES.map((r) => ({
              id: r.id,
              shortDescription: { text: r.title },
              defaultConfiguration: { level: sarifLevel(r.defaultSeverity) },
              properties: { dialects: r.dialects },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The folder the lint ran in' } } },
        results: report.findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: RULES.findIndex((r) => r.id === f.rule),
          level: sarifLevel(f.severity),
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(f.file), uriBaseId: '%SRCROOT%' },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
}

/** `::error file=…,line=…::message` (GitHub's workflow command escaping: data and property values differ). */
function githubCommand(f: CliFinding): string {
  const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const kind = f.severity === 'information' ? 'notice' : f.severity;
  const props = [
    `file=${prop(f.file)}`,
    `line=${f.line}`,
    `endLine=${f.endLine}`,
    // GitHub reads columns only within one line
    ...(f.line === f.endLine ? [`col=${f.column}`, `endColumn=${f.endColumn}`] : []),
    `title=${prop(`Migration lint: ${f.rule}`)}`,
  ];
  return `::${kind} ${props.join(',')}::${data(f.message)}\n`;
}

export function exitCode(report: CliReport, strict: boolean): 0 | 1 {
  return report.findings.some((f) => f.severity === 'error' || (strict && f.severity === 'warning')) ? 1 : 0;
}
