// `npm start`: opens Jupyter Notebook on notebooks/ with this clone's tslab kernel. Jupyter's own options
// go after `--` (`npm start -- --no-browser --port 8899`); as root it adds --allow-root, which Jupyter
// otherwise demands (containers run as root). Prints the kernels it offers and the URL to open.
// `npm start -- --kernel deno` also requires Deno's kernel (saying how to install it when missing) and makes
// it the default for new notebooks; the lessons, saved for tslab, switch with Kernel → Change kernel.
import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { buildLibrary, ensureCourseTools, kernelArgument, repoRoot } from "./bootstrap";

const { kernel, rest: userArgs } = kernelArgument(process.argv.slice(2));
const { python, env } = ensureCourseTools({ notebookServer: true, kernel });
buildLibrary();

const rootArgs = process.getuid?.() === 0 && !userArgs.includes("--allow-root") ? ["--allow-root"] : [];
const hasNotebookDir = userArgs.some((arg) => arg.startsWith("--notebook-dir"));
const args = [
  "-m",
  "notebook",
  ...(hasNotebookDir ? [] : ["--notebook-dir", join(repoRoot, "notebooks")]),
  ...rootArgs,
  ...(kernel === "deno" ? ["--MappingKernelManager.default_kernel_name=deno"] : []),
  ...userArgs,
];

const specs = spawnSync(python, ["-m", "jupyter", "kernelspec", "list", "--json"], { encoding: "utf8", env });
try {
  const listed = JSON.parse(specs.stdout) as { kernelspecs: Record<string, { spec: { display_name: string } }> };
  const names = Object.entries(listed.kernelspecs).map(([name, entry]) => `${entry.spec.display_name} [${name}]`);
  console.log(
    `[mtlkit] kernels: ${names.join(", ")}${listed.kernelspecs.tslab ? "" : " — the TypeScript kernel (tslab) is missing!"}`,
  );
  if (kernel === "deno")
    console.log(
      "[mtlkit] Deno's kernel is the default for new notebooks; in a lesson use Kernel → Change kernel → Deno (mtlkit)",
    );
} catch {
  console.log(`[mtlkit] could not list the kernels: ${specs.stderr.trim()}`);
}

const server = spawn(python, args, { stdio: ["inherit", "inherit", "pipe"], env });
let announced = false;
server.stderr.on("data", (chunk: Buffer) => {
  const text = chunk.toString();
  process.stderr.write(text);
  // Jupyter prints its URL (with the login token) among its log lines; repeat it where it is easy to see.
  const url = /https?:\/\/(?:127\.0\.0\.1|localhost)[^\s]*/.exec(text)?.[0];
  if (url && !announced) {
    announced = true;
    console.log(`[mtlkit] Jupyter Notebook is running: open ${url} (lessons are in the file list; stop with Ctrl-C)`);
  }
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
