"""The runner's kernel handshake: ready once kernel_info is answered on shell and its idle
status arrives on iopub, whatever came before; never ready on a reply to another request."""

from __future__ import annotations

import itertools
import queue

import pytest

from course_lib.grading.sandbox import runner


class FakeKernel:
    """A kernel client and manager: ``shell`` and ``iopub`` say what the kernel answers to
    the n-th kernel_info request (a reply, an idle status, or nothing)."""

    def __init__(self, replies, idles, alive=True):
        self.replies, self.idles, self.alive = replies, idles, alive
        self.ids = (f"req{k}" for k in itertools.count())
        self.shell, self.iopub = [], []
        self.sent = []

    def kernel_info(self):
        msg_id = next(self.ids)
        n = len(self.sent)
        self.sent.append(msg_id)
        if n in self.replies:
            self.shell.append(self._msg("kernel_info_reply", msg_id, {}))
        if n in self.idles:
            self.iopub.append(self._msg("status", "other", {"execution_state": "idle"}))
            self.iopub.append(self._msg("status", msg_id, {"execution_state": "idle"}))
        return msg_id

    @staticmethod
    def _msg(kind, parent, content):
        return {"msg_type": kind, "parent_header": {"msg_id": parent}, "content": content}

    def get_shell_msg(self, timeout):
        if not self.shell:
            raise queue.Empty
        return self.shell.pop(0)

    def get_iopub_msg(self, timeout):
        if not self.iopub:
            raise queue.Empty
        return self.iopub.pop(0)

    def is_alive(self):
        return self.alive


def test_ready_at_the_first_answer_without_waiting_to_flush():
    kernel = FakeKernel(replies={0}, idles={0})
    runner.wait_for_ready(kernel, kernel, timeout=5)
    assert kernel.sent == ["req0"]


def test_iopub_not_connected_yet_means_asking_again():
    kernel = FakeKernel(replies={0, 1, 2}, idles={2})
    runner.wait_for_ready(kernel, kernel, timeout=30)
    assert len(kernel.sent) == 3


def test_a_late_reply_to_an_earlier_request_is_enough():
    """The kernel was busy starting: the reply to the first request arrives after the second
    request was sent; a handshake that only accepts the latest id would lag forever."""
    kernel = FakeKernel(replies=set(), idles=set())
    sent = kernel.kernel_info

    def late():
        msg_id = sent()
        if len(kernel.sent) == 2:  # the answer to the first request, and its idle status
            kernel.shell.append(kernel._msg("kernel_info_reply", "req0", {}))
            kernel.iopub.append(kernel._msg("status", "req0", {"execution_state": "idle"}))
        return msg_id

    kernel.kernel_info = late
    runner.wait_for_ready(kernel, kernel, timeout=30)
    assert len(kernel.sent) == 2


def test_a_reply_to_another_request_is_not_readiness():
    kernel = FakeKernel(replies=set(), idles=set())
    kernel.shell.append(kernel._msg("kernel_info_reply", "someone else", {}))
    kernel.iopub.append(kernel._msg("status", "someone else", {"execution_state": "idle"}))
    with pytest.raises(RuntimeError, match="did not reply"):
        runner.wait_for_ready(kernel, kernel, timeout=0)


def test_a_dead_kernel_is_reported():
    kernel = FakeKernel(replies=set(), idles=set(), alive=False)
    with pytest.raises(RuntimeError, match="died"):
        runner.wait_for_ready(kernel, kernel, timeout=60)
