// Installs what the course needs and is missing, so that `npm test`, `npm run course` and
// `npm start` work on a fresh machine: the library build, a Python with Jupyter's client
// libraries (Debian packages via apt-get, else pip), and a private tslab kernelspec.
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const repoRoot = join(__dirname, "..");
export const jupyterDir = join(repoRoot, ".cache", "jupyter");

const debianPackages = [
  "python3-jupyter-client",
  "python3-nbformat",
  "jupyter-nbconvert",
  "python3-nbclient",
  "python3-ipykernel",
  "jupyter-core",
  "jupyter-notebook",
];
const pipPackages = ["jupyter_client", "nbformat", "nbconvert", "ipykernel", "notebook"];
const probe = "import jupyter_client, nbformat, nbconvert";

function run(command: string, args: string[], options: SpawnSyncOptions = {}) {
  return spawnSync(command, args, { encoding: "utf8", ...options }) as ReturnType<typeof spawnSync> & {
    stdout: string;
    stderr: string;
  };
}

function log(message: string): void {
  process.stderr.write(`[mtlkit setup] ${message}\n`);
}

function fail(message: string): never {
  process.stderr.write(`\n[mtlkit setup] ERROR: ${message}\n`);
  process.exit(1);
}

/** Builds src/ to dist/ with the project's own TypeScript (not tslab's bundled one). */
export function buildLibrary(): void {
  const result = run(
    process.execPath,
    [join(repoRoot, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"],
    { cwd: repoRoot },
  );
  if (result.status !== 0) fail(`the library does not build:\n${result.stdout}${result.stderr}`);
}

/** Where to look for Python and whether apt-get may be used; tests narrow these. */
export interface SetupOptions {
  pythonCandidates?: string[];
  allowApt?: boolean;
  /** Also require the Notebook server (for `npm start`), not only the headless client. */
  notebookServer?: boolean;
}

function pythonCandidates(options: SetupOptions): string[] {
  const list =
    options.pythonCandidates ??
    [process.env.MTL_PYTHON, "/usr/bin/python3", "python3", "python"].filter((name): name is string => Boolean(name));
  return [...new Set(list)];
}

function findJupyterPython(options: SetupOptions): string | undefined {
  const code = options.notebookServer ? `${probe}, notebook` : probe;
  return pythonCandidates(options).find((python) => run(python, ["-c", code]).status === 0);
}

/**
 * Installs Debian packages with apt-get when running as root (or with password-less sudo), running
 * `apt-get update` once if the first try fails; `what` names what is missing in the log. Returns the last apt-get result, or undefined when apt-get
 * cannot be used here.
 */
function aptInstall(
  what: string,
  packages: readonly string[],
  allowApt: boolean | undefined,
): ReturnType<typeof run> | undefined {
  const isRoot = process.getuid?.() === 0;
  const hasApt = allowApt !== false && run("apt-get", ["--version"]).status === 0;
  const hasSudo = !isRoot && run("sudo", ["-n", "true"]).status === 0;
  if (!hasApt || !(isRoot || hasSudo)) return undefined;
  log(`${what} is missing; installing Debian packages: ${packages.join(" ")}`);
  const prefix = isRoot ? [] : ["sudo", "-n"];
  const aptGet = (args: string[]) => {
    const [command, ...rest] = [...prefix, "apt-get", ...args] as [string, ...string[]];
    return run(command, rest, {
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
  };
  const result = aptGet(["install", "-y", "--no-install-recommends", ...packages]);
  if (result.status === 0) return result;
  log("apt-get install failed; running apt-get update and trying again");
  aptGet(["update"]);
  return aptGet(["install", "-y", "--no-install-recommends", ...packages]);
}

function installJupyter(options: SetupOptions): void {
  const result = aptInstall("Jupyter", debianPackages, options.allowApt);
  if (result?.status === 0) return;
  if (result) log(`apt-get could not install Jupyter:\n${result.stderr}`);
  const python = pythonCandidates(options).find((candidate) => run(candidate, ["-m", "pip", "--version"]).status === 0);
  if (python) {
    log(`installing Jupyter with pip for ${python}: ${pipPackages.join(" ")}`);
    const result = run(python, ["-m", "pip", "install", "--user", ...pipPackages], { stdio: "inherit" });
    if (result.status === 0) return;
  }
  fail(
    "no Python with Jupyter is available and none could be installed. Install Python 3 and Jupyter " +
      "(Debian/Ubuntu: sudo apt-get install " +
      debianPackages.join(" ") +
      "; elsewhere: python3 -m pip install " +
      pipPackages.join(" ") +
      "), or set MTL_PYTHON to a Python that has jupyter_client, nbformat and nbconvert.",
  );
}

const chromiumCandidates = [
  "/usr/lib/chromium/chromium",
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
];

/** The Chromium (or Chrome) binary the browser tests drive: MTL_CHROMIUM, else the first one installed. */
export function chromiumPath(): string | undefined {
  const list = [process.env.MTL_CHROMIUM, ...chromiumCandidates].filter((path): path is string => Boolean(path));
  return list.find((path) => existsSync(path));
}

/**
 * Makes sure a Chromium exists for the browser tests: installs Debian's `chromium` with apt-get when
 * running as root (or with password-less sudo) and none is found, as for Jupyter. Returns its path.
 */
export function ensureChromium(options: Pick<SetupOptions, "allowApt"> = {}): string {
  const found = chromiumPath();
  if (found) return found;
  if (aptInstall("Chromium (for the browser tests)", ["chromium"], options.allowApt) !== undefined) {
    const installed = chromiumPath();
    if (installed) return installed;
  }
  fail(
    "the browser tests need Chromium and none was found or could be installed. Install it " +
      "(Debian/Ubuntu: sudo apt-get install chromium) or set MTL_CHROMIUM to a Chromium or Chrome binary.",
  );
}

/** Writes a kernelspec for this clone's own tslab, found through JUPYTER_PATH — no global install. */
function writeKernelSpec(): void {
  const tslab = join(repoRoot, "node_modules", "tslab", "bin", "tslab");
  if (!existsSync(tslab)) fail(`tslab is missing at ${tslab}; run npm install first`);
  const dir = join(jupyterDir, "kernels", "tslab");
  mkdirSync(dir, { recursive: true });
  const spec = {
    argv: [process.execPath, tslab, "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript (mtlkit)",
    language: "typescript",
  };
  writeFileSync(join(dir, "kernel.json"), JSON.stringify(spec, null, 2));
}

/**
 * Makes sure Jupyter and the tslab kernel are ready. Returns the Python to run Jupyter with and
 * the environment that finds the kernel.
 */
export function ensureCourseTools(options: SetupOptions = {}): { python: string; env: NodeJS.ProcessEnv } {
  let python = findJupyterPython(options);
  if (!python) {
    installJupyter(options);
    python = findJupyterPython(options);
    if (!python)
      fail("Jupyter was installed but no Python can import jupyter_client, nbformat and nbconvert; set MTL_PYTHON");
  }
  writeKernelSpec();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    JUPYTER_PATH: [jupyterDir, process.env.JUPYTER_PATH].filter(Boolean).join(":"),
    MTL_PYTHON: python,
  };
  process.env.JUPYTER_PATH = env.JUPYTER_PATH;
  process.env.MTL_PYTHON = python;
  return { python, env };
}
