using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AlertBot.Core.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DigestSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DigestSettings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RecipientId = table.Column<long>(type: "INTEGER", nullable: false),
                    ScheduleKind = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Crons = table.Column<string>(type: "TEXT", nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PlaceIds = table.Column<string>(type: "TEXT", nullable: false),
                    ActorIds = table.Column<string>(type: "TEXT", nullable: false),
                    EventTypes = table.Column<string>(type: "TEXT", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    WhenEmpty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Paused = table.Column<bool>(type: "INTEGER", nullable: false),
                    SetBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CoveredUntil = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DigestSettings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DigestSettings_Recipients_RecipientId",
                        column: x => x.RecipientId,
                        principalTable: "Recipients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DigestRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SettingId = table.Column<long>(type: "INTEGER", nullable: false),
                    PeriodFrom = table.Column<long>(type: "INTEGER", nullable: false),
                    PeriodTo = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DigestRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DigestRuns_DigestSettings_SettingId",
                        column: x => x.SettingId,
                        principalTable: "DigestSettings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DigestRuns_SettingId_PeriodTo",
                table: "DigestRuns",
                columns: new[] { "SettingId", "PeriodTo" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DigestSettings_RecipientId",
                table: "DigestSettings",
                column: "RecipientId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DigestRuns");

            migrationBuilder.DropTable(
                name: "DigestSettings");
        }
    }
}
