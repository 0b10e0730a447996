"""`make chat`: talk to the running bot in the terminal, through its REST channel."""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
import uuid

WEBHOOK = "http://localhost:5005/webhooks/rest/webhook"


def send(sender: str, text: str) -> list[dict]:
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(WEBHOOK, body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def main() -> int:
    sender = f"chat-{uuid.uuid4().hex[:8]}"
    print("和认证小助手聊天（输入 /quit 退出）。试试：你好 / 认证什么时候截止 / 我要认证")
    while True:
        try:
            text = input("您：").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if text in {"/quit", "/exit"}:
            return 0
        if not text:
            continue
        try:
            replies = send(sender, text)
        except (urllib.error.URLError, OSError):
            print("连不上机器人。请先在另一个终端运行 `make run`，等它说 ready。")
            continue
        for reply in replies:
            print(f"小助手：{reply.get('text', '')}")
        if not replies:
            print("（小助手没有回答：可能已经转给工作人员了。）")


if __name__ == "__main__":
    sys.exit(main())
