// `datasource: { url, shadowDatabaseUrl }` of a prisma.config.ts, as raw expressions, without running it.

export interface ConfigDatasource {
  url?: string;
  shadowDatabaseUrl?: string;
}

export function readConfigDatasource(source: string): ConfigDatasource {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:\\])\/\/[^\n]*/g, '$1');
  const start = /(?:^|[\s{,])datasource\s*:\s*\{/m.exec(text);
  if (!start) return {};
  let depth = 0;
  let end = text.length;
  for (let i = start.index + start[0].length - 1; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) {
      end = i;
      break;
    }
  }
  const block = text.slice(start.index + start[0].length, end);
  const prop = (key: string) =>
    new RegExp(String.raw`(?:^|[\s{,])${key}\s*:\s*([^,\n}]+)`, 'm').exec(block)?.[1]?.trim();
  const out: ConfigDatasource = {};
  const url = prop('url');
  const shadow = prop('shadowDatabaseUrl');
  if (url !== undefined) out.url = url;
  if (shadow !== undefined) out.shadowDatabaseUrl = shadow;
  return out;
}
