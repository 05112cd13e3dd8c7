package com.shopifyjoorsync.dataservices;

/**
 * The Data Services endpoint did not accept the cycle's file, retries included: the cycle fails, its
 * new customers stay undelivered (none is dead-lettered, none pending), and the next cycle, whose
 * window has not moved, sends them again in one file.
 */
public class DataServicesRefusedException extends RuntimeException {
    public DataServicesRefusedException(String message) {
        super(message);
    }
}
