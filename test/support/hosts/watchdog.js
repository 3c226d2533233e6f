// Loaded into the Node 22 process that runs a component (jco serve --jco-import, and the
// handle-message driver): exits when the test process that started it (CWP_OWNER_PID) is gone,
// so a server whose test died before stop() does not outlive it. A component stuck in a
// synchronous loop blocks this too; jco.ts's own timeouts cover that case.
import process from 'node:process';

const owner = Number(process.env.CWP_OWNER_PID);
if (Number.isInteger(owner) && owner > 0) {
  const timer = setInterval(() => {
    try {
      process.kill(owner, 0);
    } catch (error) {
      if (error.code === 'ESRCH') process.exit(0);
    }
  }, 1000);
  timer.unref();
}
