package org.paperboy.embed;

/**
 * The eigenvectors of a symmetric matrix by cyclic Jacobi rotations (Golub and Van Loan, section
 * 8.5), largest eigenvalue first, each with its largest-magnitude component positive so the result
 * is the same on every run. Used to rotate the teacher's vectors onto their principal axes, which
 * makes every prefix of the student's vectors the best linear summary of that width.
 */
final class PrincipalAxes {

    private PrincipalAxes() {}

    /**
     * The columns of the result (row-major {@code n x n}) are unit eigenvectors of the symmetric
     * {@code n x n} matrix {@code a} (row-major, left unchanged), by decreasing eigenvalue.
     */
    static double[] of(double[] a, int n) {
        double[] m = a.clone();
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) {
            v[i * n + i] = 1;
        }
        for (int sweep = 0; sweep < 60; sweep++) {
            double off = 0;
            double total = 0;
            for (int p = 0; p < n; p++) {
                for (int q = 0; q < n; q++) {
                    double x = m[p * n + q] * m[p * n + q];
                    total += x;
                    if (p != q) {
                        off += x;
                    }
                }
            }
            if (off <= 1e-22 * Math.max(total, 1e-300)) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = m[p * n + q];
                    if (Math.abs(apq) < 1e-300) {
                        continue;
                    }
                    double theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) { // columns p and q
                        double mkp = m[k * n + p];
                        double mkq = m[k * n + q];
                        m[k * n + p] = c * mkp - s * mkq;
                        m[k * n + q] = s * mkp + c * mkq;
                    }
                    for (int k = 0; k < n; k++) { // rows p and q
                        double mpk = m[p * n + k];
                        double mqk = m[q * n + k];
                        m[p * n + k] = c * mpk - s * mqk;
                        m[q * n + k] = s * mpk + c * mqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k * n + p];
                        double vkq = v[k * n + q];
                        v[k * n + p] = c * vkp - s * vkq;
                        v[k * n + q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        final double[] eig = m;
        java.util.Arrays.sort(order, (x, y) -> {
            int byValue = Double.compare(eig[y * n + y], eig[x * n + x]);
            return byValue != 0 ? byValue : Integer.compare(x, y);
        });
        double[] out = new double[n * n];
        for (int j = 0; j < n; j++) {
            int src = order[j];
            int argmax = 0;
            for (int k = 1; k < n; k++) {
                if (Math.abs(v[k * n + src]) > Math.abs(v[argmax * n + src])) {
                    argmax = k;
                }
            }
            double sign = v[argmax * n + src] < 0 ? -1 : 1;
            for (int k = 0; k < n; k++) {
                out[k * n + j] = sign * v[k * n + src];
            }
        }
        return out;
    }
}
