# The local gateway's Python worker: loads the handler (module.function) once and runs one invocation at
# a time, as Lambda's runtime does. Protocol (JSON lines): the gateway writes {"event", "context"} on
# stdin; the worker answers one line: {"type":"result","payload":"<JSON>","logs":[...]} or
# {"type":"error","error":{errorMessage,errorType,stackTrace},"logs":[...]}. print(), logging and
# stderr are captured as the function's log; the protocol has its own copy of stdout.
import datetime
import importlib
import json
import logging
import os
import sys
import time
import traceback

MAX_LOG_LINES = 1000
MAX_LOG_CHARS = 1024 * 1024

code_path, handler_spec = sys.argv[1], sys.argv[2]
protocol = os.fdopen(os.dup(1), "w", encoding="utf-8")
os.dup2(2, 1)  # stray writes to fd 1 (child processes, C code) must not break the protocol


class Log:
    def __init__(self, request_id):
        self.request_id = request_id
        self.lines = []
        self.chars = 0

    def add(self, level, text):
        if len(self.lines) >= MAX_LOG_LINES or self.chars >= MAX_LOG_CHARS:
            return
        stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
        line = f"[{level}]\t{stamp}\t{self.request_id}\t{text}"
        self.chars += len(line)
        self.lines.append(line)


log = Log("init")


class Capture:
    """What print() and stray writes go to: each line becomes a log line of the current invocation."""

    def __init__(self, level):
        self.level = level
        self.partial = ""

    def write(self, text):
        self.partial += text
        *complete, self.partial = self.partial.split("\n")
        for line in complete:
            if line:
                log.add(self.level, line)
        return len(text)

    def flush(self):
        if self.partial:
            log.add(self.level, self.partial)
            self.partial = ""

    def isatty(self):
        return False


sys.stdout = Capture("INFO")
sys.stderr = Capture("ERROR")


class LogHandler(logging.Handler):
    def emit(self, record):
        log.add(record.levelname, self.format(record))


root = logging.getLogger()
root.handlers = [LogHandler()]
root.setLevel(logging.INFO)


class RuntimeError_(Exception):
    def __init__(self, error_type, message):
        super().__init__(message)
        self.error_type = error_type


handler = None


def load_handler():
    global handler
    if handler is not None:
        return handler
    module_name, _, function_name = handler_spec.rpartition(".")
    if not module_name:
        raise RuntimeError_("Runtime.MalformedHandlerName", f"Bad handler '{handler_spec}': write it as module.function, e.g. app.handler")
    if code_path not in sys.path:
        sys.path.insert(0, code_path)
    try:
        module = importlib.import_module(module_name.replace("/", "."))
    except Exception as e:
        raise RuntimeError_("Runtime.ImportModuleError", f"Unable to import module '{module_name}': {e}")
    found = getattr(module, function_name, None)
    if not callable(found):
        raise RuntimeError_("Runtime.HandlerNotFound", f"Handler '{function_name}' missing on module '{module_name}'")
    handler = found
    return handler


class Context:
    def __init__(self, c):
        self.function_name = c["functionName"]
        self.function_version = c["functionVersion"]
        self.invoked_function_arn = c["invokedFunctionArn"]
        self.memory_limit_in_mb = c["memoryLimitInMB"]
        self.aws_request_id = c["awsRequestId"]
        self.log_group_name = c["logGroupName"]
        self.log_stream_name = c["logStreamName"]
        self.identity = None
        self.client_context = None
        self._deadline_ms = c["deadlineMs"]

    def get_remaining_time_in_millis(self):
        return max(0, int(self._deadline_ms - time.time() * 1000))


def error_of(e):
    if isinstance(e, RuntimeError_):
        return {"errorMessage": str(e), "errorType": e.error_type, "stackTrace": []}
    return {
        "errorMessage": str(e),
        "errorType": type(e).__name__,
        "stackTrace": traceback.format_list(traceback.extract_tb(e.__traceback__)[1:]),
    }


def invoke(message):
    global log
    pending = log.lines
    log = Log(message["context"]["awsRequestId"])
    log.lines.extend(pending)
    try:
        value = load_handler()(message["event"], Context(message["context"]))
        reply = {"type": "result", "payload": json.dumps(value)}
    except Exception as e:
        reply = {"type": "error", "error": error_of(e)}
    sys.stdout.flush()
    sys.stderr.flush()
    reply["logs"] = log.lines
    log = Log("init")
    protocol.write(json.dumps(reply) + "\n")
    protocol.flush()


for line in sys.stdin:
    invoke(json.loads(line))
