/**
 * The journal as order rows for payment and fulfilment: {@link io.flashsale.engine.export.OrderRows} turns journal
 * records into self-contained rows (every field of the order on every state change, with its catalogue names). No
 * format here: the {@code export} command writes the rows as CSV or JSON lines.
 */
package io.flashsale.engine.export;
