// Preloaded (`node --require`) into api and web when the start script spawns them: if the start
// script dies without stopping them (kill -9, a crashed terminal), they are re-parented and would
// keep the ports busy. Noticing the new parent, they shut down as on SIGTERM, and are forced out
// if that has not finished within 10 s.
const parent = process.ppid;
const watch = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(watch);
  setTimeout(() => process.exit(1), 10_000);
  process.kill(process.pid, "SIGTERM");
}, 1000);
watch.unref();
