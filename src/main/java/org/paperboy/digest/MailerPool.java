package org.paperboy.digest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;
import org.paperboy.mail.MailException;
import org.paperboy.mail.MailMessage;
import org.paperboy.mail.Mailer;

/**
 * Several mailers used as one, so that digests go out over several SMTP connections at once: a
 * send borrows an idle mailer (waiting for one when all are busy) and returns it afterwards. An
 * SMTP transaction is a handful of round trips, so a single connection spends most of its time
 * waiting for the server. Closing the pool closes the mailers that are {@link AutoCloseable}.
 */
public final class MailerPool implements Mailer, AutoCloseable {

    private final List<Mailer> all;
    private final BlockingQueue<Mailer> idle;

    public MailerPool(List<? extends Mailer> mailers) {
        if (mailers.isEmpty()) {
            throw new IllegalArgumentException("a mailer pool needs at least one mailer");
        }
        this.all = List.copyOf(mailers);
        this.idle = new ArrayBlockingQueue<>(all.size(), false, all);
    }

    /** A pool of {@code size} mailers made by {@code factory}. */
    public static MailerPool of(int size, Supplier<? extends Mailer> factory) {
        List<Mailer> mailers = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            mailers.add(Objects.requireNonNull(factory.get(), "factory gave null"));
        }
        return new MailerPool(mailers);
    }

    /** How many sends can run at once. */
    public int size() {
        return all.size();
    }

    @Override
    public void send(MailMessage message) {
        send(message, () -> {});
    }

    @Override
    public void send(MailMessage message, Runnable beforeEnd) {
        Mailer m;
        try {
            m = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailException("interrupted while waiting for an SMTP connection", false, e);
        }
        try {
            m.send(message, beforeEnd);
        } finally {
            idle.add(m);
        }
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (Mailer m : all) {
            if (m instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
