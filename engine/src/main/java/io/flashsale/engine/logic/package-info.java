/**
 * The business rules ({@code CommandProcessor}): decide each command, emit its records to the journal, then apply
 * them to the state. Runs on the business thread only; reads no clock and allocates nothing on the buyer path.
 */
package io.flashsale.engine.logic;
