#!/usr/bin/env python3
"""Scale-from-zero latency through the gateway (issue 10), for bench/gateway.sh.

  gateway-cold.py KUBECONFIG GATEWAY_PORT HOST NAMESPACE REVISION SAMPLES [WAIT_SECONDS]

For each sample: waits until the revision has no pod and its Deployment 0 replicas (the KPA scaled it to zero),
opens watches on the revision's Deployment and pods (the API server's own watch, with the kubeconfig's client
certificate), then sends one GET through the gateway's listener on 127.0.0.1:GATEWAY_PORT with Host: HOST and
records, on this machine's clock as the events arrive:
  t0       the request sent
  scaled   the Deployment's spec.replicas >= 1 (qnative's KPA decided and wrote the scale)
  created  the pod ADDED (kube's Deployment and ReplicaSet controllers)
  serving  the pod's port accepts a TCP connection (polled every millisecond from when its IP shows in its status:
           the scheduler, the node agent starting the stand-in)
  ip       the pod's IP in its status (the sample line gives it after created, and when t0 was sent)
  ready    the pod's Ready condition True in the API (the node agent's probe and status write; the gateway probes the
           pod itself and need not wait for it)
  answer   the whole response read (the gateway saw the pod, probed it and forwarded the request)
The pod's own readiness time is created -> serving, what a pod takes to come up however it was asked for; the added
latency is the rest: total - (serving - created) = (t0 -> created) + (serving -> answer). Prints one line per sample
and the medians. Exit status 2 when the revision never reached zero within WAIT_SECONDS (default 120).
"""
import base64
import http.client
import json
import re
import shutil
import socket
import ssl
import sys
import tempfile
import threading
import time


def kube_client(path):
    """(host, port, ssl context) from a kubeconfig with inline certificate data (hack/cluster/up.sh writes them)."""
    text = open(path).read()

    def field(name):
        m = re.search(r"^\s*" + re.escape(name) + r":\s*(\S+)\s*$", text, re.M)
        if not m:
            raise SystemExit("gateway-cold: no %s in %s" % (name, path))
        return m.group(1)

    server = re.match(r"https://([^:/]+):(\d+)", field("server"))
    tmp = tempfile.mkdtemp(prefix="gateway-cold-")
    files = {}
    for key in ("certificate-authority-data", "client-certificate-data", "client-key-data"):
        files[key] = "%s/%s" % (tmp, key)
        with open(files[key], "wb") as f:
            f.write(base64.b64decode(field(key)))
    ctx = ssl.create_default_context(cafile=files["certificate-authority-data"])
    ctx.check_hostname = False  # the CA is still verified; the certificate may not name 127.0.0.1
    ctx.load_cert_chain(files["client-certificate-data"], files["client-key-data"])
    shutil.rmtree(tmp)  # read into the context: the key does not stay on disk
    return server.group(1), int(server.group(2)), ctx


class Api:
    def __init__(self, kubeconfig):
        self.host, self.port, self.ctx = kube_client(kubeconfig)

    def conn(self, timeout=10):
        return http.client.HTTPSConnection(self.host, self.port, context=self.ctx, timeout=timeout)

    def get(self, path):
        c = self.conn()
        try:
            c.request("GET", path)
            r = c.getresponse()
            body = r.read()
            if r.status != 200:
                raise RuntimeError("GET %s: %d %s" % (path, r.status, body[:200]))
            return json.loads(body)
        finally:
            c.close()


class Watch(threading.Thread):
    """A watch from resourceVersion RV, calling on_event(type, object, arrival time) for each event."""

    def __init__(self, api, path, rv, on_event):
        super().__init__(daemon=True)
        self.c = api.conn(timeout=120)
        sep = "&" if "?" in path else "?"
        self.c.request("GET", "%s%swatch=1&resourceVersion=%s&timeoutSeconds=110" % (path, sep, rv))
        self.r = self.c.getresponse()  # the watch is established once its response starts
        self.on_event = on_event
        self.stopped = False

    def run(self):
        try:
            while not self.stopped:
                line = self.r.readline()
                if not line:
                    return
                now = time.time()
                ev = json.loads(line)
                self.on_event(ev["type"], ev["object"], now)
        except Exception:  # noqa: BLE001 - stop() closes the stream under the reader: any error ends the watch
            return

    def stop(self):
        self.stopped = True
        try:
            self.c.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.c.close()


def ready(pod):
    return any(c.get("type") == "Ready" and c.get("status") == "True"
               for c in (pod.get("status") or {}).get("conditions") or [])


def main():
    kubeconfig, gw_port, host, ns, rev, samples = sys.argv[1:7]
    wait = float(sys.argv[7]) if len(sys.argv) > 7 else 120
    api = Api(kubeconfig)
    pods_path = "/api/v1/namespaces/%s/pods?labelSelector=serving.knative.dev%%2Frevision%%3D%s" % (ns, rev)
    deploy = "%s-deployment" % rev
    deploy_path = "/apis/apps/v1/namespaces/%s/deployments?fieldSelector=metadata.name%%3D%s" % (ns, deploy)
    rows = []
    for i in range(int(samples)):
        deadline = time.time() + wait
        while True:
            pods = api.get(pods_path)
            deps = api.get(deploy_path)
            replicas = [d["spec"].get("replicas", 1) for d in deps["items"]]
            if not pods["items"] and replicas == [0]:
                break
            if time.time() > deadline:
                print("sample %d: %s did not reach zero pods within %.0f s (pods %d, replicas %s)"
                      % (i + 1, rev, wait, len(pods["items"]), replicas))
                return 2
            time.sleep(0.5)
        t = {}
        lock = threading.Lock()

        def mark(name, when):
            with lock:
                t.setdefault(name, when)

        def on_pod(kind, pod, when):
            if kind == "ADDED":
                mark("created", when)
            if kind in ("ADDED", "MODIFIED") and ready(pod):
                mark("ready", when)
            ip = (pod.get("status") or {}).get("podIP")
            if ip and kind in ("ADDED", "MODIFIED") and "ip" not in t:
                mark("ip", when)
                ports = [p.get("containerPort") for c in pod["spec"]["containers"] for p in c.get("ports") or []]
                threading.Thread(target=poll_serving, args=(ip, ports[0] if ports else 8080), daemon=True).start()

        def poll_serving(ip, port):
            end = time.time() + 30
            while time.time() < end:
                try:
                    socket.create_connection((ip, port), timeout=0.05).close()
                    mark("serving", time.time())
                    return
                except OSError:
                    time.sleep(0.001)

        def on_deploy(kind, d, when):
            if kind in ("ADDED", "MODIFIED") and d["spec"].get("replicas", 0) >= 1:
                mark("scaled", when)

        watches = [Watch(api, pods_path, pods["metadata"]["resourceVersion"], on_pod),
                   Watch(api, deploy_path, deps["metadata"]["resourceVersion"], on_deploy)]
        for w in watches:
            w.start()
        c = http.client.HTTPConnection("127.0.0.1", int(gw_port), timeout=60)
        t0 = time.time()
        c.request("GET", "/", headers={"Host": host})
        r = c.getresponse()
        r.read()
        answer = time.time()
        c.close()
        end = time.time() + 10
        while time.time() < end and not all(k in t for k in ("scaled", "created", "ready", "serving")):
            time.sleep(0.01)
        for w in watches:
            w.stop()
        if r.status != 200 or not all(k in t for k in ("scaled", "created", "ready", "serving")):
            print("sample %d: status %d, events seen %s" % (i + 1, r.status, sorted(t)))
            return 1
        ms = lambda a, b: (b - a) * 1000.0
        total = ms(t0, answer)
        # the port can answer before the poll starts (the IP comes with a status write): then serving is the IP's
        # arrival, a bound the gateway could not beat either
        own = ms(t["created"], t["serving"])
        row = dict(total=total, own=own, added=total - own, scaled=ms(t0, t["scaled"]),
                   created=ms(t["scaled"], t["created"]), forwarded=ms(t["serving"], answer),
                   ready=ms(t["serving"], t["ready"]))
        rows.append(row)
        print("sample %d: total %.0f ms = request->scaled %.0f + ->pod created %.0f + pod's own readiness (created->"
              "serving) %.0f + serving->answer %.0f; added %.0f ms (Ready in the API %+.0f ms after serving; sent at %s,"
              " pod IP %+.0f ms after created)"
              % (i + 1, total, row["scaled"], row["created"], own, row["forwarded"], row["added"], row["ready"],
                 time.strftime("%H:%M:%S", time.localtime(t0)) + ",%03d" % (t0 % 1 * 1000),
                 ms(t["created"], t["ip"])),
              flush=True)

    def med(k):
        v = sorted(r[k] for r in rows)
        n = len(v)
        return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2

    print("scale from zero, medians of %d: total %.0f ms; added %.0f ms (request->scaled %.0f, ->pod created %.0f,"
          " serving->answer %.0f); the pod's own readiness %.0f ms"
          % (len(rows), med("total"), med("added"), med("scaled"), med("created"), med("forwarded"), med("own")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
