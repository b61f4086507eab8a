package io.flashsale.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import io.flashsale.engine.command.CommandType;
import io.flashsale.engine.command.EngineEvent;
import io.flashsale.engine.command.LabelKind;
import io.flashsale.engine.command.OrderState;
import io.flashsale.engine.command.ResultCode;

class CommandCodecTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CommandDescriptor.MAX_LENGTH]);
    private final EngineEvent event = new EngineEvent();

    @Test
    void shouldCarryABuyWithItsRequestIdAndTheLogTimestamp()
    {
        final int length = CommandCodec.buy(buffer, 77, 1001, 100, 2, "req-1");
        assertTrue(CommandCodec.decode(buffer, 0, length, 123_456, event));
        assertEquals(CommandType.BUY, event.type());
        assertEquals(77, event.correlationId());
        assertEquals(123_456, event.timestamp());
        assertEquals(1001, event.userId());
        assertEquals(100, event.skuId());
        assertEquals(2, event.quantity());
        assertEquals(5, event.requestIdLength());
        assertEquals("req-1", new String(event.requestIdBuffer(), 0, 5, StandardCharsets.US_ASCII));
    }

    @Test
    void shouldCarryAdminCommands()
    {
        int length = CommandCodec.defineSale(buffer, 1, 9, 10, 20, 60_000);
        assertTrue(CommandCodec.decode(buffer, 0, length, 5, event));
        assertEquals(CommandType.DEFINE_SALE, event.type());
        assertEquals(9, event.saleId());
        assertEquals(10, event.openAt());
        assertEquals(20, event.closeAt());
        assertEquals(60_000, event.paymentWindowMillis());

        length = CommandCodec.addSku(buffer, 2, 9, 100, 7, 999, 50, 2, 20);
        assertTrue(CommandCodec.decode(buffer, 0, length, 5, event));
        assertEquals(CommandType.ADD_SKU, event.type());
        assertEquals(9, event.saleId());
        assertEquals(100, event.skuId());
        assertEquals(7, event.storeId());
        assertEquals(999, event.price());
        assertEquals(50, event.quantity());
        assertEquals(2, event.limit());
        assertEquals(20, event.maxOrders());

        final byte[] name = "Winter boots".getBytes(StandardCharsets.UTF_8);
        length = CommandCodec.label(buffer, 3, LabelKind.SKU, 100, name, 0, name.length);
        assertTrue(CommandCodec.decode(buffer, 0, length, 5, event));
        assertEquals(CommandType.LABEL, event.type());
        assertEquals(LabelKind.SKU, event.labelKind());
        assertEquals(100, event.labelId());
        assertEquals("Winter boots", new String(event.nameBuffer(), 0, event.nameLength(), StandardCharsets.UTF_8));

        length = CommandCodec.restock(buffer, 4, 100, 30);
        assertTrue(CommandCodec.decode(buffer, 0, length, 5, event));
        assertEquals(CommandType.RESTOCK, event.type());
        assertEquals(30, event.quantity());

        length = CommandCodec.order(buffer, CommandType.PAY, 5, 12, 1001);
        assertTrue(CommandCodec.decode(buffer, 0, length, 5, event));
        assertEquals(CommandType.PAY, event.type());
        assertEquals(12, event.orderId());
        assertEquals(1001, event.userId());
    }

    @Test
    void shouldRefuseMalformedCommands()
    {
        final int length = CommandCodec.querySku(buffer, 1, 100);
        assertFalse(CommandCodec.decode(buffer, 0, length - 1, 5, event), "short");
        assertFalse(CommandCodec.decode(buffer, 0, length + 1, 5, event), "length disagrees with the variable part");

        buffer.putByte(CommandDescriptor.TYPE_OFFSET, (byte)CommandType.TICK.ordinal());
        assertFalse(CommandCodec.decode(buffer, 0, length, 5, event), "TICK comes from the cluster timer only");
        buffer.putByte(CommandDescriptor.TYPE_OFFSET, (byte)CommandType.REJECTED.ordinal());
        assertFalse(CommandCodec.decode(buffer, 0, length, 5, event), "not a command");
        buffer.putByte(CommandDescriptor.TYPE_OFFSET, (byte)-1);
        assertFalse(CommandCodec.decode(buffer, 0, length, 5, event), "unknown type");

        CommandCodec.querySku(buffer, 1, 100);
        buffer.putByte(CommandDescriptor.VERSION_OFFSET, (byte)(CommandDescriptor.VERSION + 1));
        assertFalse(CommandCodec.decode(buffer, 0, length, 5, event), "unknown version");
    }

    @Test
    void shouldEncodeTheResultFields()
    {
        CommandCodec.buy(buffer, 77, 1001, 100, 1, "r");
        CommandCodec.decode(buffer, 0, CommandDescriptor.FIXED_LENGTH + 1, 5, event);
        event.result(ResultCode.RESERVED, 0);
        event.order(12, OrderState.RESERVED, 1001, 100, 1, 999, 60_005);
        final UnsafeBuffer result = new UnsafeBuffer(new byte[ResultDescriptor.LENGTH]);
        assertEquals(ResultDescriptor.LENGTH, ResultCodec.encode(event, result));
        assertEquals(77, ResultCodec.correlationId(result, 0));
        assertEquals(ResultCode.RESERVED, ResultCodec.result(result, 0));
        assertEquals(OrderState.RESERVED, ResultCodec.orderState(result, 0));
        assertEquals(12, ResultCodec.orderId(result, 0));
    }
}
