/**
 * jcstress tests of the hand-offs between threads: the catalogue view and stock counters the business thread publishes
 * for other threads, and the reply hand-off from the business thread to an event loop. Each actor runs on its own
 * thread; jcstress owns the state objects.
 */
package io.flashsale.jcstress;
