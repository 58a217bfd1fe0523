// Seeds the sample database with a small, deterministic learning platform: 3 organisations,
// 20 users (with profiles and mentors), 6 courses, their lessons, tags, enrollments and reviews.
// Every run clears the tables first, so it can be re-run at will.
//   npx tsx seed.ts             (from this folder, after `prisma generate`)
//   npx prisma db seed          (uses migrations.seed in prisma.config.ts)
import path from 'node:path';
import { PrismaLibSql } from '@prisma/adapter-libsql';
import { CourseLevel, EnrollmentStatus, Plan, PrismaClient, Role } from './generated/prisma/client';

const url = process.env.DATABASE_URL ?? `file:${path.join(__dirname, 'dev.db')}`;
const prisma = new PrismaClient({ adapter: new PrismaLibSql({ url }) });

const BASE = Date.UTC(2025, 0, 6, 9, 0, 0); // a Monday: every date below is an offset from it
const day = (n: number): Date => new Date(BASE + n * 86_400_000);
// A 1x1 PNG, standing in for an avatar thumbnail.
const AVATAR = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
);

const ORGANIZATIONS = [
  {
    slug: 'acme',
    name: 'Acme Academy',
    plan: Plan.ENTERPRISE,
    settings: { brandColor: '#0f766e', sso: true, seats: 500 },
  },
  {
    slug: 'northwind',
    name: 'Northwind Training',
    plan: Plan.TEAM,
    settings: { brandColor: '#1d4ed8', sso: false, seats: 50 },
  },
  { slug: 'hobbyist', name: 'Hobbyist Guild', plan: Plan.FREE, settings: null },
] as const;

const PEOPLE = [
  'Ada Lovelace',
  'Grace Hopper',
  'Alan Turing',
  'Edsger Dijkstra',
  'Barbara Liskov',
  'Donald Knuth',
  'Margaret Hamilton',
  'Ken Thompson',
  'Radia Perlman',
  'Tim Berners-Lee',
  'Frances Allen',
  'John McCarthy',
  'Karen Spärck Jones',
  'Niklaus Wirth',
  'Hedy Lamarr',
  'Dennis Ritchie',
  'Shafi Goldwasser',
  'Leslie Lamport',
  'Sophie Wilson',
  'Guido van Rossum',
];

const TAGS = ['databases', 'sql', 'typescript', 'prisma', 'performance', 'security', 'beginner-friendly', 'design'];

interface CourseSeed {
  org: number;
  instructor: number;
  slug: string;
  title: string;
  level: CourseLevel;
  price: string;
  published: boolean;
  tags: string[];
  lessons: string[];
}

const COURSES: CourseSeed[] = [
  {
    org: 0,
    instructor: 1,
    slug: 'sql-basics',
    title: 'SQL from Scratch',
    level: CourseLevel.BEGINNER,
    price: '0',
    published: true,
    tags: ['databases', 'sql', 'beginner-friendly'],
    lessons: ['Tables and rows', 'SELECT and WHERE', 'Joins', 'Grouping', 'Indexes'],
  },
  {
    org: 0,
    instructor: 1,
    slug: 'prisma-in-depth',
    title: 'Prisma in Depth',
    level: CourseLevel.INTERMEDIATE,
    price: '49.00',
    published: true,
    tags: ['prisma', 'typescript', 'databases'],
    lessons: ['Schema basics', 'Relations', 'Migrations', 'Driver adapters'],
  },
  {
    org: 0,
    instructor: 4,
    slug: 'query-tuning',
    title: 'Query Tuning',
    level: CourseLevel.ADVANCED,
    price: '129.99',
    published: true,
    tags: ['performance', 'sql'],
    lessons: ['Reading plans', 'Covering indexes', 'N+1 queries'],
  },
  {
    org: 1,
    instructor: 9,
    slug: 'secure-apis',
    title: 'Secure APIs',
    level: CourseLevel.INTERMEDIATE,
    price: '79.50',
    published: true,
    tags: ['security', 'typescript'],
    lessons: ['Threat models', 'Authentication', 'Input validation', 'Secrets'],
  },
  {
    org: 1,
    instructor: 9,
    slug: 'data-modelling',
    title: 'Data Modelling Workshop',
    level: CourseLevel.BEGINNER,
    price: '25',
    published: false,
    tags: ['design', 'databases'],
    lessons: ['Entities', 'Normal forms', 'When to denormalise'],
  },
  {
    org: 2,
    instructor: 16,
    slug: 'typescript-tour',
    title: 'A Tour of TypeScript',
    level: CourseLevel.BEGINNER,
    price: '0',
    published: true,
    tags: ['typescript', 'beginner-friendly'],
    lessons: ['Types', 'Generics', 'Narrowing'],
  },
];

async function clear(): Promise<void> {
  // Children first; the implicit Course<->Tag join rows go with their courses and tags.
  await prisma.review.deleteMany();
  await prisma.enrollment.deleteMany();
  await prisma.lesson.deleteMany();
  await prisma.course.deleteMany();
  await prisma.tag.deleteMany();
  await prisma.profile.deleteMany();
  await prisma.user.updateMany({ data: { mentorId: null } });
  await prisma.user.deleteMany();
  await prisma.organization.deleteMany();
}

async function seedUsers(orgIds: string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const [i, name] of PEOPLE.entries()) {
    const role = [1, 4, 9, 16].includes(i) ? Role.INSTRUCTOR : i === 0 || i === 10 ? Role.ADMIN : Role.STUDENT;
    const user = await prisma.user.create({
      data: {
        email: `${name
          .toLowerCase()
          .normalize('NFD')
          .replace(/[^a-z ]/g, '')
          .replace(/ +/g, '.')}@example.com`,
        name,
        role,
        organizationId: orgIds[i < 10 ? 0 : i < 16 ? 1 : 2]!,
        createdAt: day(i),
        lastLoginAt: i % 4 === 3 ? null : day(30 + i),
        profile:
          i % 5 === 4
            ? undefined // some users never filled in a profile
            : {
                create: {
                  bio: `${name} writes about ${TAGS[i % TAGS.length]}.`,
                  website: i % 3 === 0 ? `https://example.com/~${i}` : null,
                  timezone: ['UTC', 'Europe/London', 'America/New_York', 'Asia/Tokyo'][i % 4]!,
                  avatar: i % 2 === 0 ? AVATAR : null,
                  preferences: {
                    theme: i % 2 === 0 ? 'dark' : 'light',
                    emails: { digest: i % 3 !== 0, marketing: false },
                  },
                },
              },
      },
    });
    ids.push(user.id);
  }
  // Mentorship (self-relation): each instructor mentors the next few students of the same organisation.
  const mentorOf = (i: number): number | undefined =>
    i < 10 ? (i === 1 ? undefined : 1) : i < 16 ? (i === 9 ? undefined : 9) : i === 16 ? undefined : 16;
  for (const [i, id] of ids.entries()) {
    const mentor = mentorOf(i);
    if (mentor !== undefined && i % 2 === 0)
      await prisma.user.update({ where: { id }, data: { mentorId: ids[mentor] } });
  }
  return ids;
}

async function seedCourses(orgIds: string[], userIds: number[]): Promise<number[]> {
  await prisma.tag.createMany({ data: TAGS.map((name) => ({ name })) });
  const ids: number[] = [];
  for (const [c, course] of COURSES.entries()) {
    const created = await prisma.course.create({
      data: {
        organizationId: orgIds[course.org]!,
        instructorId: userIds[course.instructor]!,
        slug: course.slug,
        title: course.title,
        summary: `${course.title}: ${course.lessons.length} lessons.`,
        level: course.level,
        price: course.price,
        published: course.published,
        publishedAt: course.published ? day(10 + c) : null,
        createdAt: day(5 + c),
        tags: { connect: course.tags.map((name) => ({ name })) },
        lessons: {
          create: course.lessons.map((title, position) => ({
            position: position + 1,
            title,
            content: `# ${title}\n\nNotes for lesson ${position + 1} of ${course.title}.`,
            videoSizeBytes: position === 0 ? null : BigInt(1_500_000_000 + position * 750_000_123), // > 2^31 on purpose
            durationMinutes: 8 + ((c * 7 + position * 5) % 30),
            isPreview: position === 0,
          })),
        },
      },
    });
    ids.push(created.id);
  }
  return ids;
}

async function seedEnrollments(userIds: number[], courseIds: number[]): Promise<number> {
  let count = 0;
  for (const [u, userId] of userIds.entries()) {
    for (const [c, courseId] of courseIds.entries()) {
      if ((u + c) % 3 !== 0 || COURSES[c]!.instructor === u) continue;
      const progress = ((u * 17 + c * 29) % 101) / 100;
      const status =
        progress === 1 || progress > 0.95
          ? EnrollmentStatus.COMPLETED
          : (u + c) % 7 === 0
            ? EnrollmentStatus.DROPPED
            : EnrollmentStatus.ACTIVE;
      await prisma.enrollment.create({
        data: {
          userId,
          courseId,
          enrolledAt: day(20 + u + c),
          progress: status === EnrollmentStatus.COMPLETED ? 1 : progress,
          status,
          completedAt: status === EnrollmentStatus.COMPLETED ? day(60 + u) : null,
        },
      });
      if (u % 2 === 0) {
        await prisma.review.create({
          data: {
            userId,
            courseId,
            rating: 1 + ((u + 2 * c) % 5),
            comment: u % 4 === 0 ? null : 'Clear and practical.',
            createdAt: day(70 + u),
          },
        });
      }
      count++;
    }
  }
  return count;
}

async function main(): Promise<void> {
  await clear();
  const orgIds: string[] = [];
  for (const [i, org] of ORGANIZATIONS.entries()) {
    const created = await prisma.organization.create({
      data: {
        slug: org.slug,
        name: org.name,
        plan: org.plan,
        settings: org.settings ?? undefined,
        createdAt: day(-30 + i),
      },
    });
    orgIds.push(created.id);
  }
  const userIds = await seedUsers(orgIds);
  const courseIds = await seedCourses(orgIds, userIds);
  const enrollments = await seedEnrollments(userIds, courseIds);
  const counts = {
    organizations: orgIds.length,
    users: userIds.length,
    courses: courseIds.length,
    lessons: await prisma.lesson.count(),
    tags: TAGS.length,
    enrollments,
    reviews: await prisma.review.count(),
  };
  console.log(
    `Seeded ${Object.entries(counts)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}`,
  );
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => prisma.$disconnect());
