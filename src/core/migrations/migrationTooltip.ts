// The Migrations view's hover for one migration, as Markdown. The name, the error log and the folder's
// problem come from the database or the migrations folder: they are escaped (core/util/markdownText.ts),
// and the view shows the result untrusted (no command links, no HTML).
import { codeBlock, escapeMarkdown } from '../util/markdownText';
import { stateLabel, type MigrationEntry } from './migrationStates';

export function migrationTooltip(entry: MigrationEntry, appliedWhen?: string): string {
  const parts = [`**${escapeMarkdown(entry.name)}** — ${stateLabel[entry.state]}\n\n`];
  if (appliedWhen) parts.push(`Applied: ${escapeMarkdown(appliedWhen)}\n\n`);
  if (entry.state === 'edited')
    parts.push(
      'migration.sql changed after it was applied (its checksum differs from the one in `_prisma_migrations`): databases that already ran it will not run your edit, and Migrate Dev will ask to reset the database. Revert the file to what was applied and put the change in a new migration.\n\n',
    );
  if (entry.state === 'missingLocally')
    parts.push('The database records this migration, but its folder is not in the migrations directory.\n\n');
  if (entry.state === 'rolledBack') parts.push('Marked rolled back: Migrate Deploy will apply it again.\n\n');
  if (entry.error) parts.push(codeBlock(entry.error));
  if (entry.local?.problem) parts.push(`\n\n⚠ ${escapeMarkdown(entry.local.problem)}`);
  return parts.join('');
}
