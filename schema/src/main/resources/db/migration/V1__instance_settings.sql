-- Instance-wide settings that operators change at run time (the instance's
-- title, its rules, later its keys). Environment configuration covers what
-- must be known before the database is reachable; everything else lives here.
--
-- Every migration in this folder must run unchanged on MariaDB 10.11+, on H2
-- in MariaDB mode and in jOOQ's DDLDatabase (see STACK notes in the README).
CREATE TABLE instance_setting (
  `name`       VARCHAR(100) NOT NULL,
  `value`      TEXT         NOT NULL,
  updated_at   DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
