package com.shopifyjoorsync.state;

/** The state store could not be read or written: the cycle stops without moving its watermark. */
public class StateStoreException extends RuntimeException {
    public StateStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
