// A realistic generated Prisma schema for benchmarks: each model has 8–12 fields, relations to
// earlier models (with @@index on the foreign key), enums, @map/@@map, unique and composite indexes,
// doc comments. Deterministic: the same `models` gives the same text.

const SCALARS = [
  ['String', '@db.VarChar(255)'],
  ['Int', ''],
  ['Boolean', '@default(false)'],
  ['DateTime', '@default(now())'],
  ['Decimal', '@db.Decimal(10, 2)'],
  ['Json', ''],
  ['BigInt', ''],
  ['Float', ''],
] as const;

export function generateSchema(models: number): string {
  const enumCount = Math.max(1, Math.floor(models / 20));
  const out: string[] = [
    'generator client {\n  provider = "prisma-client"\n  output   = "../generated"\n}\n',
    'datasource db {\n  provider = "postgresql"\n}\n',
  ];
  for (let e = 0; e < enumCount; e++) {
    out.push(`enum Status${e} {\n  ACTIVE\n  PENDING @map("pending")\n  ARCHIVED\n\n  @@map("status_${e}")\n}\n`);
  }
  let seed = 7;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  // Back fields are added to the parent model once all models are known.
  const backFields: string[][] = Array.from({ length: models }, () => []);
  const bodies: string[][] = [];
  for (let m = 0; m < models; m++) {
    const lines: string[] = [];
    lines.push('  id        Int      @id @default(autoincrement())');
    lines.push(`  code      String   @unique @map("code_${m}")`);
    lines.push(`  status    Status${m % enumCount} @default(ACTIVE)`);
    const scalarCount = 3 + rand(4);
    for (let s = 0; s < scalarCount; s++) {
      const [type, attr] = SCALARS[rand(SCALARS.length)];
      lines.push(`  field${s}    ${type}${rand(3) === 0 ? '?' : ''} ${attr}`.trimEnd());
    }
    const indexes: string[] = [];
    const relations = m === 0 ? 0 : 1 + rand(2);
    for (let r = 0; r < relations; r++) {
      const parent = rand(m);
      const name = `parent${r}`;
      const relationName = `M${m}P${r}`;
      lines.push(
        `  ${name}   Model${parent} @relation("${relationName}", fields: [${name}Id], references: [id], onDelete: Cascade)`,
      );
      lines.push(`  ${name}Id Int`);
      indexes.push(`  @@index([${name}Id])`);
      backFields[parent].push(`  children${m}_${r} Model${m}[] @relation("${relationName}")`);
    }
    lines.push('  createdAt DateTime @default(now()) @map("created_at")');
    lines.push('  updatedAt DateTime @updatedAt @map("updated_at")');
    indexes.push('  @@index([createdAt(sort: Desc), code])');
    indexes.push(`  @@map("model_${m}")`);
    bodies.push([...lines, '<<BACK>>', '', ...indexes]);
  }
  bodies.forEach((body, m) => {
    const text = body
      .map((l) => (l === '<<BACK>>' ? backFields[m].join('\n') : l))
      .filter((l, i, all) => l !== '' || all[i - 1] !== '');
    out.push(`/// Model number ${m}.\nmodel Model${m} {\n${text.join('\n')}\n}\n`);
  });
  return out.join('\n').replace(/\n\n\n+/g, '\n\n');
}
