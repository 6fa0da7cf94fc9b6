"""Executes one notebook headless on a Jupyter kernel and reports what happened, as JSON.

Written against jupyter_client directly (not nbclient) because tslab reports a cell's error only
on stderr with an empty error name, and errors of unawaited promises arrive after the cell has
finished: this runner keeps every iopub message, attributes stderr to the cell that caused it,
and checks for late errors before it declares a notebook passed.

usage: run_notebook.py NOTEBOOK --out EXECUTED.ipynb --result RESULT.json --timeout SECONDS [--label "lesson 00"]

While it works it reports on stderr which cell runs and for how long: on a terminal one line redrawn in
place, elsewhere (CI, test runners) plain lines for cells that take a while. MTL_PROGRESS=0 silences it.
"""
import argparse
import json
import os
import queue
import re
import sys
import time

import nbformat
from jupyter_client.manager import KernelManager

HEADLINE_MIME = "application/vnd.mtlkit.headline+json"
REJECTION_MARK = "[mtlkit runner] unhandled promise rejection:"
# Deno's kernel drops a promise rejection nobody awaited; tslab prints it on stderr after the cell. Before the
# first cell, the runner asks Deno to print it too, marked, so that it fails the cell that caused it.
DENO_SETUP = ("globalThis.addEventListener('unhandledrejection', (event) => { event.preventDefault(); "
              f"console.error({json.dumps(REJECTION_MARK)}, event.reason); }});")
LATE_ERROR_WAIT = 0.5
PLAIN_EVERY = 30  # seconds between "still running" lines when stderr is not a terminal
PLAIN_SLOW = 2  # cells that take at least this many seconds get a line when stderr is not a terminal


class Progress:
    """Which cell runs and for how long, on stderr: redrawn in place on a terminal, plain lines elsewhere."""

    def __init__(self, label, total):
        self.label = label
        self.total = total
        self.enabled = os.environ.get("MTL_PROGRESS", "1") != "0"
        self.tty = sys.stderr.isatty()
        self.started = time.time()
        self.cell = 0
        self.cell_started = self.started
        self.last_plain = self.started
        self.last_draw = 0

    def write(self, text):
        if self.enabled:
            sys.stderr.write(text)
            sys.stderr.flush()

    def begin(self, number):
        self.cell = number
        self.cell_started = self.last_plain = time.time()
        self.tick(force=True)

    def tick(self, force=False):
        now = time.time()
        line = (f"{self.label} · cell {self.cell}/{self.total} · {now - self.cell_started:.1f} s "
                f"(notebook {now - self.started:.0f} s)")
        if self.tty and (force or now - self.last_draw >= 0.5):
            self.last_draw = now
            self.write(f"\r{line}\x1b[K")
        elif not self.tty and now - self.last_plain >= PLAIN_EVERY:
            self.last_plain = now
            self.write(f"{line}, still running\n")

    def end(self, status):
        seconds = time.time() - self.cell_started
        if not self.tty and seconds >= PLAIN_SLOW:
            self.write(f"{self.label} · cell {self.cell}/{self.total} {status} in {seconds:.1f} s\n")

    def close(self):
        if self.tty:
            self.write("\r\x1b[K")


def json_bundles(data):
    """nbformat wants +json MIME values as objects; tslab sends them as strings."""
    fixed = dict(data)
    for mime, value in data.items():
        if mime.endswith("json") and isinstance(value, str):
            try:
                fixed[mime] = json.loads(value)
            except ValueError:
                pass
    return fixed


class Run:
    def __init__(self, notebook, kernel_name, cwd, deadline, progress):
        self.notebook = notebook
        self.progress = progress
        self.deadline = deadline
        self.manager = KernelManager(kernel_name=kernel_name)
        self.manager.start_kernel(cwd=cwd)
        self.client = self.manager.client()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=60)
        self.is_deno = os.path.basename(self.manager.kernel_spec.argv[0]) == "deno"
        self.cell_of_msg = {}
        self.outputs_of_cell = {}
        self.stderr_of_cell = {}
        self.display_updates = {}
        self.display_outputs = {}
        self.headlines = {}
        self.finished_cells = set()
        self.late_stderr = {}

    def close(self):
        try:
            self.client.stop_channels()
            self.manager.shutdown_kernel(now=True)
        except Exception:
            pass

    def handle(self, msg):
        parent = msg.get("parent_header", {}).get("msg_id")
        cell = self.cell_of_msg.get(parent)
        kind = msg["header"]["msg_type"]
        content = msg["content"]
        if cell is None:
            return
        outputs = self.outputs_of_cell[cell]
        if kind == "stream":
            if content["name"] == "stderr":
                self.stderr_of_cell[cell].append(content["text"])
                if cell in self.finished_cells:
                    self.late_stderr.setdefault(cell, []).append(content["text"])
            if outputs and outputs[-1].get("output_type") == "stream" and outputs[-1]["name"] == content["name"]:
                outputs[-1]["text"] += content["text"]
            else:
                outputs.append(nbformat.v4.new_output("stream", name=content["name"], text=content["text"]))
        elif kind in ("display_data", "execute_result"):
            data = json_bundles(content.get("data", {}))
            if HEADLINE_MIME in data:
                self.headlines.update(data[HEADLINE_MIME])
            if kind == "execute_result":
                output = nbformat.v4.new_output("execute_result", data=data, metadata=content.get("metadata", {}),
                                                execution_count=content.get("execution_count"))
            else:
                output = nbformat.v4.new_output("display_data", data=data, metadata=content.get("metadata", {}))
            outputs.append(output)
            display_id = content.get("transient", {}).get("display_id")
            if display_id:
                self.display_outputs.setdefault(display_id, []).append(output)
        elif kind == "update_display_data":
            display_id = content.get("transient", {}).get("display_id")
            self.display_updates[display_id] = self.display_updates.get(display_id, 0) + 1
            for output in self.display_outputs.get(display_id, []):
                output["data"] = json_bundles(content.get("data", {}))
        elif kind == "error":
            outputs.append(nbformat.v4.new_output("error", ename=content.get("ename", ""),
                                                  evalue=content.get("evalue", ""), traceback=content.get("traceback", [])))
            self.stderr_of_cell[cell].append(error_summary(content))
        elif kind == "clear_output":
            outputs.clear()

    def drain(self, seconds):
        end = time.time() + seconds
        while True:
            remaining = end - time.time()
            if remaining <= 0:
                return
            try:
                self.handle(self.client.get_iopub_msg(timeout=remaining))
            except queue.Empty:
                return

    def settle(self, quiet=0.2, longest=2.0):
        """Waits until iopub has been silent for `quiet` seconds (at most `longest`). tslab publishes a cell's
        late output (stdout flushes, display data) asynchronously and has one zeromq send in flight at a time:
        a new request arriving mid-send crashes the kernel with EBUSY ("Socket is busy writing")."""
        end = time.time() + longest
        while time.time() < end:
            try:
                self.handle(self.client.get_iopub_msg(timeout=quiet))
            except queue.Empty:
                return

    def prepare(self):
        """Kernel-specific setup, run silently before the first cell (nothing of it enters the notebook)."""
        if not self.is_deno:
            return
        msg_id = self.client.execute(DENO_SETUP, silent=True, store_history=False, allow_stdin=False)
        while True:
            msg = self.client.get_shell_msg(timeout=60)
            if msg.get("parent_header", {}).get("msg_id") == msg_id:
                if msg["content"].get("status") != "ok":
                    raise RuntimeError(f"the runner's setup failed in the Deno kernel: {msg['content']}")
                return

    def check_alive(self, index):
        if not self.manager.is_alive():
            raise KernelDied(index)

    def execute(self, index, source):
        self.settle()
        self.check_alive(index)
        msg_id = self.client.execute(source, store_history=True, allow_stdin=False)
        self.cell_of_msg[msg_id] = index
        self.outputs_of_cell[index] = []
        self.stderr_of_cell[index] = []
        reply = None
        while reply is None:
            remaining = self.deadline - time.time()
            if remaining <= 0:
                self.manager.interrupt_kernel()
                raise TimeoutError(index)
            try:
                msg = self.client.get_shell_msg(timeout=min(remaining, 0.5))
            except queue.Empty:
                self.drain(0)
                self.progress.tick()
                self.check_alive(index)
                continue
            if msg.get("parent_header", {}).get("msg_id") == msg_id:
                reply = msg
        # The reply can overtake iopub traffic; wait for this request's idle status.
        idle = False
        while not idle:
            remaining = self.deadline - time.time()
            if remaining <= 0:
                raise TimeoutError(index)
            try:
                msg = self.client.get_iopub_msg(timeout=min(remaining, 5.0))
            except queue.Empty:
                break
            self.handle(msg)
            if (msg["header"]["msg_type"] == "status" and msg["content"].get("execution_state") == "idle"
                    and msg.get("parent_header", {}).get("msg_id") == msg_id):
                idle = True
        self.finished_cells.add(index)
        return reply["content"]


ANSI = re.compile(r"\x1b\[[0-9;]*m")
CELL_FRAME = re.compile(r"at (?:.* \()?<anonymous>:(\d+):(\d+)\)?")


def error_summary(content):
    """An error message as one line with its name, plus the cell's line when the traceback gives it. tslab
    sends an empty name (its real message went to stderr already); Deno sends name, message and traceback."""
    name, value = content.get("ename", ""), ANSI.sub("", content.get("evalue", ""))
    if not name:
        return value
    text = f"{name}: {value}" if value else name
    for line in content.get("traceback", []):
        found = CELL_FRAME.search(ANSI.sub("", line))
        if found:
            return f"{text}\n    at line {found.group(1)} of the cell"
    return text


class KernelDied(Exception):
    """The kernel process exited while a cell ran (its own messages went to this runner's stderr)."""


INTERNAL_FRAMES = ("node:vm", "node:internal", "tslab/dist", "sigintHandlersWrap")


def error_text(run, cell, reply):
    lines = "".join(run.stderr_of_cell.get(cell, [])).strip().splitlines()
    text = "\n".join(line for line in lines if not any(frame in line for frame in INTERNAL_FRAMES)).strip()
    if not text:
        text = (reply or {}).get("evalue") or (reply or {}).get("ename") or "unknown error (the kernel gave no message)"
    return text


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("notebook")
    parser.add_argument("--out", required=True)
    parser.add_argument("--result", required=True)
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--kernel", default=None)
    parser.add_argument("--label", default=None, help="how progress lines name the notebook, e.g. 'lesson 00'")
    args = parser.parse_args()

    notebook = nbformat.read(args.notebook, as_version=4)
    kernel = args.kernel or notebook.metadata.get("kernelspec", {}).get("name", "tslab")
    started = time.time()
    result = {"notebook": args.notebook, "status": "passed", "cells": [], "error": None,
              "headlines": {}, "displayUpdates": {}, "seconds": 0}
    run = None
    code_cells = [(i, c) for i, c in enumerate(notebook.cells) if c.cell_type == "code"]
    progress = Progress(args.label or os.path.basename(args.notebook), len(code_cells))
    try:
        progress.write("" if progress.tty else f"{progress.label}: starting the kernel\n")
        run = Run(notebook, kernel, os.path.dirname(os.path.abspath(args.notebook)), started + args.timeout, progress)
        run.prepare()
        for number, (index, cell) in enumerate(code_cells, start=1):
            cell_start = time.time()
            progress.begin(number)
            try:
                reply = run.execute(index, cell.source)
            except KernelDied:
                progress.end("kernel died")
                result["status"] = "failed"
                result["error"] = {"cell": number, "message": f"the kernel died while running code cell {number} "
                                   "(its last messages are on stderr above)"}
                cell.outputs = run.outputs_of_cell.get(index, [])
                break
            except TimeoutError:
                progress.end("timed out")
                result["status"] = "timeout"
                result["error"] = {"cell": number, "message": f"the notebook exceeded its time budget of {args.timeout:.0f} s in code cell {number}"}
                cell.outputs = run.outputs_of_cell.get(index, [])
                break
            progress.end("done" if reply.get("status") == "ok" else "failed")
            cell.outputs = run.outputs_of_cell[index]
            cell.execution_count = reply.get("execution_count")
            result["cells"].append({"cell": number, "seconds": round(time.time() - cell_start, 3)})
            if reply.get("status") != "ok":
                result["status"] = "failed"
                result["error"] = {"cell": number, "message": error_text(run, index, reply)}
                break
            rejection = "".join(run.stderr_of_cell.get(index, []))
            if REJECTION_MARK in rejection:
                result["status"] = "failed"
                result["error"] = {"cell": number, "message": rejection[rejection.index(REJECTION_MARK):].strip()}
                break
        if result["status"] == "passed":
            # Errors of promises nobody awaited surface after their cell has finished.
            run.drain(LATE_ERROR_WAIT)
            for number, (index, cell) in enumerate(code_cells, start=1):
                late = "".join(run.late_stderr.get(index, [])).strip()
                if late:
                    result["status"] = "failed"
                    result["error"] = {"cell": number, "message": late}
                    cell.outputs = run.outputs_of_cell[index]
                    break
        result["headlines"] = run.headlines
        result["displayUpdates"] = run.display_updates
    except Exception as error:  # the kernel did not start, or died
        result["status"] = "failed"
        result["error"] = {"cell": 0, "message": f"{type(error).__name__}: {error}"}
    finally:
        progress.close()
        if run:
            run.close()
    result["seconds"] = round(time.time() - started, 3)
    nbformat.write(notebook, args.out)
    with open(args.result, "w") as handle:
        json.dump(result, handle, indent=1)


if __name__ == "__main__":
    main()
