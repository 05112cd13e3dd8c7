package com.shopifyjoorsync.observe;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * A logback encoder around another one (text pattern or JSON) that hands it every event with its
 * message and its exceptions' messages masked by {@link SecretMask}: whatever logs it (our code,
 * Camel's retry lines, a library's stack trace), no secret reaches the log.
 *
 * <pre>{@code
 * <encoder class="com.shopifyjoorsync.observe.SecretMaskingEncoder">
 *   <encoder class="ch.qos.logback.classic.encoder.PatternLayoutEncoder"><pattern>...</pattern></encoder>
 * </encoder>
 * }</pre>
 */
public final class SecretMaskingEncoder extends EncoderBase<ILoggingEvent> {
    private Encoder<ILoggingEvent> encoder;

    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    @Override
    public void start() {
        if (encoder == null) {
            addError("SecretMaskingEncoder needs the encoder it masks for: <encoder class=\"...\"> inside it");
            return;
        }
        if (!encoder.isStarted()) {
            encoder.start();
        }
        super.start();
    }

    @Override
    public void stop() {
        if (encoder != null) {
            encoder.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return encoder.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return encoder.encode(new MaskedEvent(event));
    }

    @Override
    public byte[] footerBytes() {
        return encoder.footerBytes();
    }

    /** The event as logged, its message already formatted and masked. */
    private record MaskedEvent(ILoggingEvent event) implements ILoggingEvent {
        @Override
        public String getThreadName() {
            return event.getThreadName();
        }

        @Override
        public Level getLevel() {
            return event.getLevel();
        }

        @Override
        public String getMessage() {
            return getFormattedMessage();
        }

        @Override
        public Object[] getArgumentArray() {
            return null; // formatted already
        }

        @Override
        public String getFormattedMessage() {
            return SecretMask.mask(event.getFormattedMessage());
        }

        @Override
        public String getLoggerName() {
            return event.getLoggerName();
        }

        @Override
        public LoggerContextVO getLoggerContextVO() {
            return event.getLoggerContextVO();
        }

        @Override
        public IThrowableProxy getThrowableProxy() {
            return MaskedThrowable.of(event.getThrowableProxy());
        }

        @Override
        public StackTraceElement[] getCallerData() {
            return event.getCallerData();
        }

        @Override
        public boolean hasCallerData() {
            return event.hasCallerData();
        }

        @Override
        public List<Marker> getMarkerList() {
            return event.getMarkerList();
        }

        @Override
        public Map<String, String> getMDCPropertyMap() {
            return event.getMDCPropertyMap();
        }

        @Override
        @SuppressWarnings("deprecation")
        public Map<String, String> getMdc() {
            return event.getMdc();
        }

        @Override
        public long getTimeStamp() {
            return event.getTimeStamp();
        }

        @Override
        public int getNanoseconds() {
            return event.getNanoseconds();
        }

        @Override
        public long getSequenceNumber() {
            return event.getSequenceNumber();
        }

        @Override
        public List<KeyValuePair> getKeyValuePairs() {
            return event.getKeyValuePairs();
        }

        @Override
        public void prepareForDeferredProcessing() {
            event.prepareForDeferredProcessing();
        }
    }

    /** An exception of the event (and its causes, its suppressed ones), messages masked. */
    private record MaskedThrowable(IThrowableProxy proxy) implements IThrowableProxy {
        static IThrowableProxy of(IThrowableProxy proxy) {
            return proxy == null ? null : new MaskedThrowable(proxy);
        }

        @Override
        public String getMessage() {
            return SecretMask.mask(proxy.getMessage());
        }

        @Override
        public String getOverridingMessage() {
            return SecretMask.mask(proxy.getOverridingMessage());
        }

        @Override
        public String getClassName() {
            return proxy.getClassName();
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return proxy.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return proxy.getCommonFrames();
        }

        @Override
        public IThrowableProxy getCause() {
            return of(proxy.getCause());
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            IThrowableProxy[] suppressed = proxy.getSuppressed();
            return suppressed == null ? null
                    : Arrays.stream(suppressed).map(MaskedThrowable::of).toArray(IThrowableProxy[]::new);
        }

        @Override
        public boolean isCyclic() {
            return proxy.isCyclic();
        }
    }
}
