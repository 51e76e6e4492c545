package dev.runbookbot;

public final class Main {
    public static void main(String[] args) {}
}
