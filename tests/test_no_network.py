"""The suite runs offline: outbound sockets are blocked, loopback stays open for kernels."""

from __future__ import annotations

import socket
import threading

import pytest


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_outbound_connections_are_blocked():
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(RuntimeError, match="allowed"):
            sock.connect(("93.184.216.34", 80))  # any public address
    finally:
        sock.close()
    with pytest.raises(RuntimeError):
        socket.create_connection(("192.0.2.1", 443), timeout=1)  # TEST-NET-1, never routable


def test_loopback_still_works():
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    received = []

    def serve():
        conn, _ = server.accept()
        with conn:
            received.append(conn.recv(16))

    thread = threading.Thread(target=serve)
    thread.start()
    with socket.create_connection(("127.0.0.1", port), timeout=5) as client:
        client.sendall(b"ping")
    thread.join(5)
    server.close()
    assert received == [b"ping"]


def test_a_notebook_kernel_runs_under_the_block():
    """Kernels talk to the test process over loopback TCP: executing a cell must still work."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import readout\nprint(len(readout.load_corpus().articles))")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    assert nb.cells[0].outputs[0]["text"].strip() == "5"
