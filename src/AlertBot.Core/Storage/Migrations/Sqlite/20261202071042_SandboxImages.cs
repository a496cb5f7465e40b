using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AlertBot.Core.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SandboxImages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ImageAlt",
                table: "SandboxMessages",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ImageName",
                table: "SandboxMessages",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "ImagePng",
                table: "SandboxMessages",
                type: "BLOB",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ImageAlt",
                table: "SandboxMessages");

            migrationBuilder.DropColumn(
                name: "ImageName",
                table: "SandboxMessages");

            migrationBuilder.DropColumn(
                name: "ImagePng",
                table: "SandboxMessages");
        }
    }
}
