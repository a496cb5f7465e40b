using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AlertBot.Core.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PlatformPort : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ReplyToId",
                table: "SandboxMessages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ThreadId",
                table: "SandboxMessages",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VisibleToUserId",
                table: "SandboxMessages",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AddedByUserId",
                table: "Recipients",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "Recipients",
                type: "TEXT",
                maxLength: 8,
                nullable: false,
                defaultValue: "Private");

            migrationBuilder.AddColumn<string>(
                name: "ThreadId",
                table: "Recipients",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "IssuedMenus",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Platform = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ChatId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    MessageId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ButtonsJson = table.Column<string>(type: "TEXT", nullable: false),
                    IssuedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IssuedMenus", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IssuedMenus_IssuedAt",
                table: "IssuedMenus",
                column: "IssuedAt");

            migrationBuilder.CreateIndex(
                name: "IX_IssuedMenus_Platform_ChatId_MessageId",
                table: "IssuedMenus",
                columns: new[] { "Platform", "ChatId", "MessageId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IssuedMenus");

            migrationBuilder.DropColumn(
                name: "ReplyToId",
                table: "SandboxMessages");

            migrationBuilder.DropColumn(
                name: "ThreadId",
                table: "SandboxMessages");

            migrationBuilder.DropColumn(
                name: "VisibleToUserId",
                table: "SandboxMessages");

            migrationBuilder.DropColumn(
                name: "AddedByUserId",
                table: "Recipients");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Recipients");

            migrationBuilder.DropColumn(
                name: "ThreadId",
                table: "Recipients");
        }
    }
}
