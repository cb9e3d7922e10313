/**
 * The article's Java pieces, compiled at run time with the JDK's javac against Debian's jars (no
 * Maven, nothing fetched): the Spring MVC 4.3 + Tomcat 9 server (seed/java/server) and the
 * async-http-client 2.12.3 client (seed/java/client). Classes are cached under
 * dist/seed-java/<part>-<hash of the sources>, so a run compiles once per change of the sources.
 */
import { createHash } from 'node:crypto';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../paths.js';
import { PhaseError } from '../phase-error.js';
import { runForeignProcess } from '../polyglot/foreign-process.js';
import { requireExecutable } from '../polyglot/foreign-runtime.js';

export const SEED_JAVA_DIR = path.join(REPO_ROOT, 'seed', 'java');
export const SEED_JAVA_CACHE_DIR = path.join(REPO_ROOT, 'dist', 'seed-java');
const DEBIAN_JARS = '/usr/share/java';
export const SEED_INSTALL_HINT =
  'bash bench/setup/install-system-packages.sh (as root; it installs libspring-web-servlet-java, libtomcat9-java, libasync-http-client-java and python3-requests)';
const COMPILE_DEADLINE_MS = 120_000;

export type SeedJavaPart = 'server' | 'client';

/**
 * Debian's jars each part compiles and runs against. Spring 4.3's repackaged ASM reads class files
 * up to Java 8's, so the server is compiled with --release 8 (it runs on the installed JDK).
 */
const PART_JARS: Record<SeedJavaPart, readonly string[]> = {
  server: [
    'spring3-core',
    'spring3-beans',
    'spring3-context',
    'spring3-aop',
    'spring3-expression',
    'spring3-web',
    'spring3-web.servlet',
    'commons-logging',
    'tomcat9-catalina',
    'tomcat9-coyote',
    'tomcat9-util',
    'tomcat9-util-scan',
    'tomcat9-juli',
    'tomcat9-api',
    'tomcat9-servlet-api',
    'tomcat9-annotations-api',
    'tomcat9-websocket',
    'tomcat9-websocket-api',
    'tomcat9-jaspic-api',
    'jackson-databind',
    'jackson-core',
    'jackson-annotations',
  ],
  client: [
    'async-http-client',
    'async-http-client-netty-utils',
    'netty-buffer',
    'netty-codec',
    'netty-codec-http',
    'netty-codec-socks',
    'netty-common',
    'netty-handler',
    'netty-handler-proxy',
    'netty-resolver',
    'netty-transport',
    'netty-transport-native-epoll',
    'netty-transport-native-unix-common',
    'netty-reactive-streams',
    'reactive-streams',
    'slf4j-api',
    'slf4j-nop',
    'javax.activation',
    'jackson-databind',
    'jackson-core',
    'jackson-annotations',
  ],
};

const PART_RELEASE: Record<SeedJavaPart, string> = { server: '8', client: '17' };

/** The jar paths of a part; throws a `config` PhaseError naming the install command when one is missing. */
export function seedClasspath(part: SeedJavaPart): string[] {
  const jars = PART_JARS[part].map((name) => path.join(DEBIAN_JARS, `${name}.jar`));
  for (const jar of jars) {
    try {
      accessSync(jar, constants.R_OK);
    } catch {
      throw new PhaseError('config', `${jar} not found; install it with: ${SEED_INSTALL_HINT}`);
    }
  }
  return jars;
}

function hashSources(part: SeedJavaPart, sources: readonly string[]): string {
  const hash = createHash('sha256').update(`release ${PART_RELEASE[part]}\n${PART_JARS[part].join(' ')}\n`);
  for (const file of sources)
    hash
      .update(`${path.basename(file)}\n`)
      .update(readFileSync(file))
      .update('\n');
  return hash.digest('hex').slice(0, 16);
}

/**
 * The class directory of a part, compiling first when the cache has none for these sources: into a
 * temporary directory renamed into place, so a reader sees all the classes or none.
 */
export async function buildSeedJava(part: SeedJavaPart, cacheDir: string = SEED_JAVA_CACHE_DIR): Promise<string> {
  const sourceDir = path.join(SEED_JAVA_DIR, part);
  const sources = readdirSync(sourceDir)
    .filter((name) => name.endsWith('.java'))
    .sort()
    .map((name) => path.join(sourceDir, name));
  const classDir = path.join(cacheDir, `${part}-${hashSources(part, sources)}`);
  if (existsSync(classDir)) return classDir;
  const classpath = seedClasspath(part).join(path.delimiter);
  const javac = requireExecutable('javac');
  mkdirSync(cacheDir, { recursive: true });
  const tempDir = mkdtempSync(path.join(cacheDir, '.compiling-'));
  try {
    const args = [
      '--release',
      PART_RELEASE[part],
      '-encoding',
      'UTF-8',
      '-Xlint:all,-processing,-serial,-path,-options',
      '-Werror',
      '-cp',
      classpath,
      '-d',
      tempDir,
      ...sources,
    ];
    const result = await runForeignProcess(javac, args, { deadlineMs: COMPILE_DEADLINE_MS, phase: 'javac' });
    if (result.exitCode !== 0)
      throw new PhaseError(
        'internal',
        `javac (seed ${part}) failed (${result.exitCode ?? result.signal}): ${result.stderr.trim().slice(0, 2000)}`,
      );
    try {
      renameSync(tempDir, classDir);
    } catch (err) {
      if (!existsSync(classDir)) throw err;
    }
    return classDir;
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
}

/** `java -cp <classes>:<jars> Main args…` as a command line, compiling the part first if needed. */
export async function seedJavaCommand(
  part: SeedJavaPart,
  mainClass: string,
  args: readonly string[],
  jvmOptions: readonly string[] = [],
): Promise<{ command: string; args: string[] }> {
  const classDir = await buildSeedJava(part);
  const classpath = [classDir, ...seedClasspath(part)].join(path.delimiter);
  return { command: requireExecutable('java'), args: [...jvmOptions, '-cp', classpath, mainClass, ...args] };
}
