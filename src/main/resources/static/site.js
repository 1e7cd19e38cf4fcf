// Paperboy: progressive enhancement only; every action also works without this script.
