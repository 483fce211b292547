/*
 * Keeps one CPU out of its idle state while the latency test runs. Started under SCHED_IDLE
 * (`chrt -i 0`), it only ever gets CPU time nobody else wants, so it never delays the peers; what
 * it prevents is a virtual CPU halting between two round trips, whose wake-up (tens to hundreds
 * of microseconds on a VM) would otherwise dominate the RTT figures instead of the proxy's work.
 * Usage: spin   (runs until killed)
 */
int main(void) {
  volatile unsigned long n = 0;
  for (;;) {
    n++;
    __asm__ __volatile__("" ::: "memory");
  }
}
