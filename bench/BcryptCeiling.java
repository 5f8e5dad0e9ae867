import io.quarkus.elytron.security.common.BcryptUtil;

/**
 * The login ceiling of this machine: how many bcrypt verifications per second its cores can do at a cost, with
 * the same implementation the service uses. Run by bench/run.sh with the packaged application's libraries.
 */
public class BcryptCeiling {

    public static void main(String[] args) {
        int cost = Integer.parseInt(args[0]);
        int cores = Integer.parseInt(args[1]);
        String hash = BcryptUtil.bcryptHash("secret123", cost);
        for (int i = 0; i < 5; i++) {
            BcryptUtil.matches("secret123", hash);
        }
        int rounds = 20;
        long started = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            BcryptUtil.matches("secret123", hash);
        }
        double millisPerHash = (System.nanoTime() - started) / 1e6 / rounds;
        System.out.printf("{\"bcrypt_cost\":%d,\"ms_per_verify\":%.2f,\"cores\":%d,\"ceiling_per_s\":%.1f}%n", cost,
                millisPerHash, cores, cores * 1000 / millisPerHash);
    }
}
