package dev.tandem.config.haproxy;

import java.util.Set;

/**
 * The names Tandem knows: sample fetches (configuration.txt §7.3.2-7.3.6), converters (§7.3.1)
 * and log-format aliases (§8.2.6). A name outside these is a typo or a feature we do not run,
 * and either way the config must not start with it.
 */
final class Vocabulary {

    private Vocabulary() {}

    static final Set<String> FETCHES = Set.of(
            // internal states and constants
            "always_false", "always_true", "bool", "int", "str", "ipv4", "ipv6", "bin", "meth", "env", "date",
            "now", "rand", "uuid", "var", "hostname", "nbproc", "proc", "thread", "pid", "stopping", "nbsrv",
            "be_name", "be_id", "fe_name", "fe_id", "srv_name", "srv_id", "srv_is_up", "srv_conn", "srv_queue",
            "connslots", "be_conn", "be_conn_free", "be_sess_rate", "fe_conn", "fe_req_rate", "fe_sess_rate",
            "avg_queue", "queue", "table_avl", "table_cnt", "cpu_calls", "cpu_ns_avg", "cpu_ns_tot", "lat_ns_avg",
            "lat_ns_tot", "date_us", "unique-id", "txn.status", "txn.timer.total", "txn.sess_term_state",
            // layer 4
            "src", "src_port", "dst", "dst_port", "dst_conn", "dst_is_local", "src_is_local", "so_id", "so_name",
            "fc_rtt", "fc_rttvar", "fc_src", "fc_dst", "fc_src_port", "fc_dst_port", "fc_http_major", "fc_rcvd_proxy",
            "fc_pp_authority", "fc_pp_unique_id", "bc_src", "bc_dst", "bc_src_port", "bc_dst_port", "bc_http_major",
            "src_conn_cur", "src_conn_cnt", "src_conn_rate", "src_http_req_rate", "src_http_req_cnt",
            "src_http_err_rate", "src_http_err_cnt", "src_get_gpc0", "src_inc_gpc0", "src_clr_gpc0", "src_get_gpt0",
            "src_kbytes_in", "src_kbytes_out", "src_sess_rate", "src_sess_cnt", "src_updt_conn_cnt",
            "sc_conn_cur", "sc_conn_cnt", "sc_conn_rate", "sc_http_req_rate", "sc_http_req_cnt", "sc_http_err_rate",
            "sc_http_err_cnt", "sc_get_gpc0", "sc_inc_gpc0", "sc_clr_gpc0", "sc_get_gpt0", "sc_kbytes_in",
            "sc_kbytes_out", "sc_sess_rate", "sc_sess_cnt", "sc_trackers", "sc_tracked", "sc_bytes_in_rate",
            "sc_bytes_out_rate", "sc_glitch_cnt", "table_conn_cur", "table_http_req_rate", "table_http_req_cnt",
            // layer 5/6
            "payload", "payload_lv", "req.payload", "req.payload_lv", "req.len", "req_len", "req.proto_http",
            "req_proto_http", "req.rdp_cookie", "req_rdp_cookie", "rdp_cookie", "req.ssl_sni", "req_ssl_sni",
            "req.ssl_hello_type", "req_ssl_hello_type", "req.ssl_ver", "req_ssl_ver", "req.ssl_st_ext",
            "req.ssl_ec_ext", "res.len", "res.payload", "res.payload_lv", "res.ssl_hello_type", "wait_end",
            "ssl_fc", "ssl_fc_sni", "ssl_fc_protocol", "ssl_fc_alpn", "ssl_fc_npn", "ssl_fc_cipher",
            "ssl_fc_use_keysize", "ssl_fc_alg_keysize", "ssl_fc_has_crt", "ssl_fc_has_sni", "ssl_fc_has_early",
            "ssl_fc_session_id", "ssl_fc_is_resumed", "ssl_fc_protocol_hello_id", "ssl_c_used", "ssl_c_s_dn",
            "ssl_c_i_dn", "ssl_c_verify", "ssl_c_ca_err", "ssl_c_ca_err_depth", "ssl_c_err", "ssl_c_sha1",
            "ssl_c_serial", "ssl_c_notafter", "ssl_c_notbefore", "ssl_c_der", "ssl_c_key_alg", "ssl_c_sig_alg",
            "ssl_c_version", "ssl_f_s_dn", "ssl_f_i_dn", "ssl_f_sha1", "ssl_f_der", "ssl_f_serial", "ssl_bc",
            "ssl_bc_protocol", "ssl_bc_cipher", "ssl_bc_alpn", "ssl_bc_use_keysize", "ssl_bc_alg_keysize",
            "ssl_bc_session_id", "ssl_bc_is_resumed", "ssl_bc_err",
            // layer 7
            "method", "path", "pathq", "query", "url", "url_ip", "url_port", "url_param", "urlp", "urlp_val",
            "url32", "url32+src", "base", "base32", "base32+src", "hdr", "req.hdr", "fhdr", "req.fhdr", "hdr_cnt",
            "req.hdr_cnt", "fhdr_cnt", "req.fhdr_cnt", "hdr_ip", "req.hdr_ip", "hdr_val", "req.hdr_val",
            "req.hdr_names", "hdrs", "req.hdrs", "req.hdrs_bin", "cook", "req.cook", "cookie", "cook_cnt",
            "req.cook_cnt", "cook_val", "req.cook_val", "req.cook_names", "req.ver", "req_ver", "req.body",
            "req.body_len", "req.body_size", "req.body_param", "req.timer.hdr", "req.timer.idle", "req.timer.queue",
            "req.timer.tq", "http_auth", "http_auth_group", "http_auth_type", "http_auth_user", "http_auth_pass",
            "http_auth_bearer", "http_first_req", "capture.req.hdr", "capture.req.method", "capture.req.uri",
            "capture.req.ver", "capture.res.hdr", "capture.res.ver", "status", "res.hdr", "shdr", "res.fhdr",
            "res.hdr_cnt", "shdr_cnt", "res.fhdr_cnt", "res.hdr_ip", "shdr_ip", "res.hdr_val", "shdr_val",
            "res.hdr_names", "res.cook", "scook", "set-cookie", "res.cook_cnt", "scook_cnt", "res.cook_val",
            "scook_val", "res.cook_names", "res.ver", "resp_ver", "res.comp", "res.comp_algo", "res.body",
            "res.body_len", "res.body_size", "res.timer.hdr", "txn.timer.user");

    static final Set<String> CONVERTERS = Set.of(
            "add", "add_item", "aes_gcm_dec", "aes_gcm_enc", "and", "b64dec", "base2", "base64", "be2dec", "be2hex",
            "bool", "bytes", "capture-req", "capture-res", "concat", "cpl", "crc32", "crc32c", "cut_crlf", "da-csv-conv",
            "debug", "digest", "div", "djb2", "even", "field", "fix_is_valid", "fix_tag_value", "hex", "hex2i", "hmac",
            "host_only", "htonl", "http_date", "iif", "in_table", "ipmask", "json", "json_query", "jwt_header_query",
            "jwt_payload_query", "jwt_verify", "language", "length", "lower", "ltime", "ltrim", "map", "map_beg",
            "map_beg_int", "map_beg_ip", "map_dir", "map_dom", "map_end", "map_int", "map_int_int", "map_ip",
            "map_ip_int", "map_reg", "map_regm", "map_str", "map_str_int", "map_str_ip", "map_sub", "mod", "mqtt_field_value",
            "mqtt_is_valid", "ms_ltime", "ms_utime", "mul", "nbsrv", "neg", "not", "odd", "or", "param", "port_only",
            "protobuf", "regsub", "rfc7239_field", "rfc7239_is_valid", "rfc7239_n2nn", "rfc7239_n2np", "rtrim",
            "sdbm", "secure_memcmp", "set-var", "set-var-fmt", "sha1", "sha2", "srv_queue", "strcmp", "sub", "svarint",
            "table_bytes_in_rate", "table_bytes_out_rate", "table_conn_cnt", "table_conn_cur", "table_conn_rate",
            "table_gpc0", "table_gpc0_rate", "table_gpt0", "table_http_err_cnt", "table_http_err_rate",
            "table_http_req_cnt", "table_http_req_rate", "table_kbytes_in", "table_kbytes_out", "table_server_id",
            "table_sess_cnt", "table_sess_rate", "table_trackers", "ub64dec", "ub64enc", "ungrpc", "unset-var",
            "upper", "url_dec", "url_enc", "us_ltime", "us_utime", "utime", "varint", "word", "wt6", "xor", "xxh3",
            "xxh32", "xxh64", "ipv6", "ipv4");

    static final Set<String> ALIASES = Set.of(
            "ac", "B", "b", "bc", "bi", "bp", "bq", "ci", "cp", "CC", "CS", "f", "fc", "fi", "fp", "ft", "H", "HM",
            "HP", "HPO", "HQ", "HU", "HV", "hr", "hrl", "hs", "hsl", "ID", "lc", "ms", "o", "pid", "r", "rc", "rt",
            "s", "sc", "si", "sp", "sq", "sslc", "sslv", "ST", "T", "t", "Ta", "Tc", "Td", "Th", "Ti", "Tl", "tr",
            "TR", "Tr", "trg", "trl", "Ts", "ts", "tsc", "Tt", "Tu", "Tw", "Tq", "U");

    /** Aliases that only make sense in HTTP mode (the H column of the §8.2.6 table). */
    static final Set<String> HTTP_ONLY_ALIASES = Set.of("CC", "CS", "HM", "HP", "HPO", "HQ", "HU", "HV", "hr", "hrl",
            "hs", "hsl", "r", "tr", "TR", "Tr", "Ta", "Ti", "Tq", "trg", "trl");

    static boolean isFetch(String name) {
        return FETCHES.contains(name) || FETCHES.contains(trackCounterName(name));
    }

    /** {@code sc0_http_req_rate} is {@code sc_http_req_rate} on counter 0. */
    static String trackCounterName(String name) {
        if (name.length() > 4 && name.startsWith("sc") && Character.isDigit(name.charAt(2)) && name.charAt(3) == '_') {
            return "sc_" + name.substring(4);
        }
        return name;
    }

    static boolean isConverter(String name) {
        return CONVERTERS.contains(name);
    }
}
