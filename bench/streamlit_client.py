"""A client of Streamlit's own protocol, as the browser speaks it: a websocket carrying
protobuf BackMsg (to the server) and ForwardMsg (to the client), so the page script runs
for every step. Shared by the load benchmarks (bench/participation_load.py,
bench/servers_load.py).

A step is timed from sending it to the server's end of that run: its last
`script_finished`, after any rerun the page asks for.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field
from typing import Any

import websockets
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

STEP_TIMEOUT = 60.0
THINK = (2.0, 6.0)  # seconds a resident reads and clicks between two steps


@dataclass
class Element:
    kind: str
    label: str
    id: str


@dataclass
class Session:
    """One browser tab: a websocket and the widgets the page showed last."""

    ws: websockets.ClientConnection
    page: str
    query: str
    elements: list[Element] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # exceptions and error boxes shown
    states: dict[str, WidgetState] = field(default_factory=dict)
    think: random.Random = field(default_factory=random.Random)
    pace: float = 1.0  # 0: no time to think (a burst)
    steps: int = 0

    def find(self, kind: str, label: str) -> Element:
        for element in self.elements:
            if element.kind == kind and element.label.startswith(label):
                return element
        raise LookupError(f"no {kind} {label!r} among {[e.label for e in self.elements]}")

    def set_text(self, label: str, value: str) -> None:
        state = WidgetState(id=self.find("text_input", label).id, string_value=value)
        self.states[state.id] = state

    def tick(self, label: str) -> None:
        state = WidgetState(id=self.find("checkbox", label).id, bool_value=True)
        self.states[state.id] = state

    async def run(self, press: str | None = None) -> float:
        """One step: the widgets as set, `press` the button with that label; seconds. A
        resident reads and thinks (`think`) before every step but the first."""
        if self.steps:
            await asyncio.sleep(self.think.uniform(*THINK) * self.pace)
        self.steps += 1
        states = list(self.states.values())
        if press is not None:
            states.append(WidgetState(id=self.find("button", press).id, trigger_value=True))
        message = BackMsg()
        message.rerun_script.query_string = self.query
        message.rerun_script.page_name = self.page
        message.rerun_script.widget_states.widgets.extend(states)
        started = time.perf_counter()
        await self.ws.send(message.SerializeToString())
        await asyncio.wait_for(self._until_finished(), STEP_TIMEOUT)
        return time.perf_counter() - started

    async def _until_finished(self) -> None:
        self.elements, self.texts, self.errors = [], [], []
        while True:
            message = ForwardMsg()
            message.ParseFromString(await self.ws.recv())
            kind = message.WhichOneof("type")
            if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                self._element(message)
            elif kind == "script_finished" and message.script_finished != (
                ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
            ):
                return

    def _element(self, message: ForwardMsg) -> None:
        element = message.delta.new_element
        kind = element.WhichOneof("type") or ""
        body = getattr(element, kind)
        if hasattr(body, "id") and hasattr(body, "label"):
            self.elements.append(Element(kind, str(body.label), str(body.id)))
        if hasattr(body, "body"):
            self.texts.append(str(body.body))
        if kind == "exception" or (kind == "alert" and body.format == Alert.ERROR):
            self.errors.append(str(getattr(body, "message", "") or getattr(body, "body", "")))


async def connect(
    url: str, page: str, query: str, pace: float, seed: int, source: str | None = None
) -> Session:
    """A new tab on the app at `url` (http://host:port); `source`: the local address to
    connect from (another loopback address, 127.0.0.x, looks like another client)."""
    protocols = [websockets.Subprotocol("streamlit")]
    bind: dict[str, Any] = {"local_addr": (source, 0)} if source else {}
    ws = await websockets.connect(
        url.replace("http://", "ws://", 1) + "/_stcore/stream",
        subprotocols=protocols,
        max_size=2**24,
        **bind,  # passed on to the event loop's create_connection
    )
    return Session(ws, page, query, think=random.Random(seed), pace=pace)
